/** Uploads one picked image (a temporary file path) and resolves with the reference `post.create` takes. */
export type UploadImage = (path: string, onProgress?: (percent: number) => void) => Promise<string>

/**
 * Rejects with a CallError. Taro resolves `./upload` per platform: upload.weapp.ts (cloud storage,
 * `posts/<member id>/<sha1>.<ext>`, answering the file id) in the mini program, upload.h5.ts (the
 * local host's `POST /dev/upload`, answering `/media/uploads/...`) in the browser build.
 */
export declare const uploadImage: UploadImage
