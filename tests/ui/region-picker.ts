import { act, fireEvent, screen, within } from '@testing-library/react'

/** 所在地区 as the browser build's picker shows it (the text of the field, without its chevron). */
export const regionShown = () => screen.getByRole('button', { name: '选择所在地区' }).textContent?.replace('›', '').trim()

/** Chooses 所在地区 in the browser build's cascade, as a member taps it: 省, then 市, then 区. */
export async function pickRegion(...parts: string[]): Promise<void> {
  await act(async () => fireEvent.click(screen.getByRole('button', { name: '选择所在地区' })))
  for (const part of parts) {
    const choice = await within(screen.getByRole('list', { name: '可选地区' })).findByRole('button', { name: part })
    await act(async () => fireEvent.click(choice))
  }
}
