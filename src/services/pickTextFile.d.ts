/** A text file the staff member picked: its name and its text (UTF-8, a leading BOM removed). */
export interface PickedText {
  name: string
  text: string
}

/**
 * Lets the staff member pick a CSV or text file and reads it; null when they closed the picker.
 * Taro resolves `./pickTextFile` per platform: the browser's file chooser in the H5 build,
 * `wx.chooseMessageFile` (a file from a chat) in the mini program.
 */
export declare const pickTextFile: () => Promise<PickedText | null>
