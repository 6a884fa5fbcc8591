import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { ListFooter, StateView, TextField } from '../../../components'
import type { PagedList } from '../../../hooks/usePagedList'

/** A row of choices shown as tabs (stages, statuses, kinds of change); the chosen one is marked. */
export function StageChips<K>({
  options,
  chosen,
  onChoose,
}: {
  options: readonly { key: K; title: string }[]
  chosen: K
  onChoose: (key: K) => void
}) {
  return (
    <View className='ops-orders__stages' role='tablist'>
      {options.map(({ key, title }) => (
        <View
          key={title}
          role='tab'
          aria-selected={key === chosen}
          className={`ops-orders__stage${key === chosen ? ' ops-orders__stage--on' : ''}`}
          onClick={() => onChoose(key)}
        >
          {title}
        </View>
      ))}
    </View>
  )
}

/**
 * A staff list loaded page by page: loading, failed or empty, else its rows and the list footer. With
 * `columns` the rows are a table's (each child a `TableRow`) under a header of those columns.
 */
export function PagedRows<T>({
  list,
  empty,
  columns,
  children,
}: {
  list: PagedList<T> & { reload: () => Promise<void>; loadMore: () => Promise<void> }
  empty: { title: string; description?: string }
  columns?: readonly string[]
  children: (item: T) => ReactNode
}) {
  if (list.status === 'loading') return <StateView kind='loading' />
  if (list.status === 'error') return <StateView kind='error' message={list.message} onRetry={list.reload} />
  if (list.items.length === 0) return <StateView kind='empty' {...empty} />
  const footer = <ListFooter more={list.more} hasMore={list.hasMore} onRetry={list.loadMore} />
  if (columns) {
    return (
      <>
        <View className='ops-table' role='table'>
          <View className='ops-table__row ops-table__row--head' role='row'>
            {columns.map((column) => (
              <View key={column} className='ops-table__cell' role='columnheader'>
                {column}
              </View>
            ))}
          </View>
          {list.items.map(children)}
        </View>
        {footer}
      </>
    )
  }
  return (
    <View className='ops-list'>
      {list.items.map(children)}
      {footer}
    </View>
  )
}

/** One row of a `PagedRows` table: a cell per column, in the columns' order. */
export function TableRow({ label, cells }: { label: string; cells: readonly ReactNode[] }) {
  return (
    <View className='ops-table__row' role='row' aria-label={label}>
      {cells.map((cell, index) => (
        // A row's cells are its columns, in order: the column is the cell's identity.
        <View key={index} className='ops-table__cell' role='cell'>
          {cell}
        </View>
      ))}
    </View>
  )
}

export interface DayDraft {
  from: string
  to: string
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The whole YYYY-MM-DD days of a draft; anything else typed is left out rather than sent. */
export const wholeDays = (draft: DayDraft): { from?: string; to?: string } => ({
  ...(DAY.test(draft.from.trim()) ? { from: draft.from.trim() } : {}),
  ...(DAY.test(draft.to.trim()) ? { to: draft.to.trim() } : {}),
})

/** From and to days (Shanghai, both included), typed as YYYY-MM-DD. */
export function DayRange({ draft, onChange }: { draft: DayDraft; onChange: (draft: DayDraft) => void }) {
  return (
    <>
      <TextField
        className='ops-orders__day'
        value={draft.from}
        placeholder='起 YYYY-MM-DD'
        maxLength={10}
        onChange={(from) => onChange({ ...draft, from })}
      />
      <TextField
        className='ops-orders__day'
        value={draft.to}
        placeholder='止 YYYY-MM-DD'
        maxLength={10}
        onChange={(to) => onChange({ ...draft, to })}
      />
    </>
  )
}

/** What is wrong with a stored document (refused, clamped), each in the operator's words, and an extra line when given. */
export function Problems({ problems, extra }: { problems: readonly string[]; extra?: string | null }) {
  if (problems.length === 0) return null
  return (
    <View className='ops-campaign__problems'>
      {problems.map((problem) => (
        <Text key={problem} className='ops-campaign__problem'>
          {problem}
        </Text>
      ))}
      {extra && <Text className='ops-campaign__problem'>{extra}</Text>}
    </View>
  )
}

/** The two ways an operator's document is edited: as a form, or as its JSON. */
export const EDIT_MODES = [
  { key: 'form', title: '表单' },
  { key: 'json', title: 'JSON' },
] as const

/** JSON text typed by an operator as an object, or what is wrong with it in their words. */
export function readJsonObject(text: string, notObject: string): Record<string, unknown> | string {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return '不是有效的 JSON，请检查引号和逗号'
  }
  return typeof doc !== 'object' || doc === null || Array.isArray(doc) ? notObject : (doc as Record<string, unknown>)
}
