import type { ActionName, FunctionName, Req, Res } from '../../types/api'

export type CallFunction = <F extends FunctionName, A extends ActionName<F>>(name: F, action: A, data: Req<F, A>) => Promise<Res<F, A>>

/**
 * Runs one action of one cloud function; resolves with its data or rejects with a CallError.
 * Taro resolves `./call` per platform: call.weapp.ts (wx.cloud) in the mini program,
 * call.h5.ts (HTTP to the local host) in the browser build.
 */
export declare const callFunction: CallFunction
