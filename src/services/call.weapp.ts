import Taro from '@tarojs/taro'
import type { CallFunction } from './call'
import { networkError, unwrapAnswer } from './errors'

export const callFunction: CallFunction = async (name, action, data) => {
  let answer: unknown
  try {
    const response = await Taro.cloud.callFunction({ name, data: { action, data } })
    answer = response.result
  } catch {
    throw networkError()
  }
  return unwrapAnswer(answer)
}
