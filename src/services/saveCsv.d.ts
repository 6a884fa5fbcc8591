/**
 * Hands a CSV file the server wrote to the staff member. Taro resolves `./saveCsv` per platform: a
 * download in the browser build; in the mini program the file is written to the user data folder and
 * sent to a chat (`wx.shareFileMessage`), the way a phone passes a sheet on.
 */
export declare const saveCsv: (file: { filename: string; csv: string }) => Promise<void>
