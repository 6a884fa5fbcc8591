import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Regions } from './regions'
import { regionOf } from './region'

interface RegionPickerProps {
  value: string
  onChange: (region: string) => void
}

/** The divisions, fetched once and only when a member first opens the picker (they stay off the first screen). */
let loading: Promise<Regions> | null = null
const loadRegions = () => {
  loading ??= import('./regions').then((m) => m.REGIONS)
  return loading
}

/**
 * 所在地区 in the browser build, where Taro's picker has no region data: a cascade of 省, then 市,
 * then 区, each tapped from a list; the path chosen so far can be stepped back through.
 */
export function RegionPicker({ value, onChange }: RegionPickerProps) {
  const [regions, setRegions] = useState<Regions | null>(null)
  const [open, setOpen] = useState(false)
  const [path, setPath] = useState<string[]>([])

  const show = async () => {
    setPath([])
    setOpen(true)
    setRegions(await loadRegions())
  }
  const province = regions?.find(([name]) => name === path[0])
  const city = province?.[1].find(([name]) => name === path[1])
  const choices = !regions ? [] : !province ? regions.map(([name]) => name) : !city ? province[1].map(([name]) => name) : city[1]
  const choose = (name: string) => {
    if (path.length < 2) return setPath([...path, name])
    setOpen(false)
    onChange(regionOf([...path, name]))
  }

  return (
    <>
      <View className='region-picker' role='button' aria-label='选择所在地区' onClick={() => void show()}>
        <Text className={value ? 'region-picker__value' : 'region-picker__placeholder'}>{value || '请选择省、市、区'}</Text>
        <Text className='region-picker__chevron' aria-hidden>
          ›
        </Text>
      </View>
      <Popup visible={open} position='bottom' round title='选择所在地区' closeable onClose={() => setOpen(false)}>
        <View className='region-picker__path'>
          {['省', '市', '区'].map((level, depth) => (
            <View
              key={level}
              className={`region-picker__step${depth === path.length ? ' region-picker__step--current' : ''}`}
              role={depth < path.length ? 'button' : undefined}
              onClick={() => depth < path.length && setPath(path.slice(0, depth))}
            >
              <Text>{path[depth] ?? (depth === path.length ? `请选择${level}` : '')}</Text>
            </View>
          ))}
        </View>
        <View className='region-picker__list' role='list' aria-label='可选地区'>
          {!regions && <Text className='region-picker__loading'>加载中…</Text>}
          {choices.map((name) => (
            <View key={name} className='region-picker__choice' role='button' onClick={() => choose(name)}>
              <Text>{name}</Text>
            </View>
          ))}
        </View>
      </Popup>
    </>
  )
}
