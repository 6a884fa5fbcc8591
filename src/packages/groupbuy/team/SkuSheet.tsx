import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { GroupBuyDetail } from '../../../../types/api'
import { formatFen } from '../../../utils/money'
import { specsLabel } from '../../../utils/sku'

interface SkuSheetProps {
  skus: GroupBuyDetail['skus']
  visible: boolean
  onChoose: (skuId: string) => void
  onClose: () => void
}

/** 选择规格: the campaign's SKUs at their team prices; sold-out ones are shown but cannot be chosen. */
export function SkuSheet({ skus, visible, onChoose, onClose }: SkuSheetProps) {
  const [chosen, setChosen] = useState(() => skus.find((sku) => sku.stock > 0)?.skuId ?? null)
  return (
    <Popup className='team-sku-sheet' visible={visible} position='bottom' round title='选择规格' closeable onClose={onClose}>
      <View className='team-sku-sheet__body'>
        <View className='team-sku-sheet__options'>
          {skus.map((sku) => {
            const soldOut = sku.stock <= 0
            const isChosen = chosen === sku.skuId
            return (
              <View
                key={sku.skuId}
                className={`team-sku${isChosen ? ' team-sku--chosen' : ''}${soldOut ? ' team-sku--sold-out' : ''}`}
                aria-selected={isChosen}
                onClick={() => !soldOut && setChosen(sku.skuId)}
              >
                <Text className='team-sku__specs'>{specsLabel(sku.specs) || '默认规格'}</Text>
                <Text className='team-sku__price'>{soldOut ? '已抢光' : formatFen(sku.teamPrice)}</Text>
              </View>
            )
          })}
        </View>
        <Button
          className='team-sku-sheet__confirm'
          type='primary'
          block
          disabled={chosen === null}
          onClick={() => chosen && onChoose(chosen)}
        >
          去参团
        </Button>
      </View>
    </Popup>
  )
}
