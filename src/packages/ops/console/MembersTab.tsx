import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { MemberCareView, MemberFound } from '../../../../types/api'
import { StateView, TextField } from '../../../components'
import { memberCareApi } from '../../../services/memberCare'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { newRequestId } from '../../../utils/id'
import { formatFen } from '../../../utils/money'
import { tierLabel } from '../../../utils/tier'
import { shanghaiDateTime } from '../../../utils/time'
import { useSession } from '../../../stores/session'
import { staffMay } from '../../../utils/staff'
import { CreatorCertification } from './CreatorCertification'
import { STATUS_WORDS } from './OrdersTab'

const MATCHED = { order: '订单号', shareCode: '分享码', id: '会员编号', nickname: '昵称' } as const
const DISTRIBUTOR_WORDS = { pending: '申请审核中', approved: '已通过', rejected: '未通过', frozen: '已冻结' } as const

/** 会员 (service): find a member, see their standing, points, orders and redemptions, and adjust points with a reason; owners also certify 达人. */
export function MembersTab() {
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<MemberFound[] | null>(null)
  const [care, setCare] = useState<MemberCareView | null>(null)
  const search = async () => {
    if (!query.trim()) return void Taro.showToast({ title: '请输入订单号、分享码、会员编号或昵称', icon: 'none' })
    try {
      setFound(await memberCareApi.find(query.trim()))
      setCare(null)
    } catch (error) {
      showFailure(error)
    }
  }
  const open = async (memberId: string) => {
    try {
      setCare(await memberCareApi.care(memberId))
    } catch (error) {
      showFailure(error)
    }
  }
  return (
    <View className='ops-orders'>
      <View className='ops-orders__search'>
        <TextField value={query} placeholder='订单号 / 分享码 / 会员编号 / 昵称' maxLength={64} onChange={setQuery} />
        <Button size='small' type='primary' fill='outline' onClick={() => void search()}>
          查找会员
        </Button>
      </View>
      {care ? (
        <MemberCard care={care} onChanged={setCare} onBack={() => setCare(null)} />
      ) : (
        found &&
        (found.length === 0 ? (
          <StateView kind='empty' title='没有找到会员' description='可用订单号、分享码、会员编号或昵称中的几个字查找' />
        ) : (
          <View className='ops-list'>
            {found.map((m) => (
              <View key={m.id} className='ops-order' role='button' aria-label={`查看 ${m.nickname}`} onClick={() => void open(m.id)}>
                <View className='ops-order__head'>
                  <Text className='ops-order__no'>{`${m.nickname} · ${tierLabel(m.tier)}`}</Text>
                  <Text>{`按${MATCHED[m.matchedBy]}找到`}</Text>
                </View>
                <Text>{`会员编号 ${m.id} · 分享码 ${m.shareCode} · ${shanghaiDateTime(m.createdAt)} 加入`}</Text>
              </View>
            ))}
          </View>
        ))
      )}
    </View>
  )
}

function MemberCard({ care, onChanged, onBack }: { care: MemberCareView; onChanged: (care: MemberCareView) => void; onBack: () => void }) {
  const { member, tier, points, orders, redemptions, distributor } = care
  const owner = staffMay(
    useSession((session) => session.member),
    'owner',
  )
  return (
    <View className='ops-box' role='region' aria-label={`会员 ${member.nickname}`}>
      <View className='ops-order__head'>
        <Text className='ops-box__title'>{`${member.nickname} · ${tierLabel(member.tier)}`}</Text>
        <Text onClick={onBack}>返回结果</Text>
      </View>
      <Text>{`会员编号 ${member.id} · 分享码 ${member.shareCode}`}</Text>
      <Text>{`近 12 个月成长值 ${tier.growth}${tier.keepUntil ? ` · 保级至 ${shanghaiDateTime(tier.keepUntil)}` : ''}`}</Text>
      <Text>{`可用积分 ${points.balance.available} · 待到账 ${points.balance.pending}${points.balance.debt > 0 ? ` · 欠 ${points.balance.debt}` : ''}`}</Text>
      {distributor && (
        <Text>{`分销员：${distributor.status ? DISTRIBUTOR_WORDS[distributor.status] : ''}${distributor.note ? `（${distributor.note}）` : ''}`}</Text>
      )}
      <AdjustPoints memberId={member.id} onChanged={onChanged} />
      {owner && <CreatorCertification standing={care.creator} onChanged={(creator) => onChanged({ ...care, creator })} />}
      <Text className='ops-box__title'>{`积分流水（共 ${points.ledgerTotal} 条）`}</Text>
      {points.ledger.map((e) => (
        <Text key={e.id}>{`${shanghaiDateTime(e.at)} ${e.delta > 0 ? '+' : ''}${e.delta} ${e.note}`}</Text>
      ))}
      <Text className='ops-box__title'>{`订单（共 ${orders.total} 单）`}</Text>
      {orders.items.map((o) => (
        <Text
          key={o.id}
        >{`${o.orderNo} · ${STATUS_WORDS[o.status]} · ${formatFen(o.payable)} · ${o.lines.map((l) => l.title).join('、')}`}</Text>
      ))}
      <Text className='ops-box__title'>{`兑换（共 ${redemptions.total} 笔）`}</Text>
      {redemptions.items.map((r) => (
        <Text key={r.id}>{`${shanghaiDateTime(r.createdAt)} ${r.title} · ${r.pointsPrice} 积分`}</Text>
      ))}
    </View>
  )
}

/** ± points with a reason; one request id per adjustment, kept across retries until it lands. */
function AdjustPoints({ memberId, onChanged }: { memberId: string; onChanged: (care: MemberCareView) => void }) {
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const requestId = useRef(newRequestId())
  const submit = async () => {
    const n = Number(amount.trim())
    if (!Number.isInteger(n) || n === 0 || Math.abs(n) > 10_000)
      return void Taro.showToast({ title: '请填写 -10000 到 10000 之间的整数', icon: 'none' })
    if (reason.trim().length < 2) return void Taro.showToast({ title: '请写明调整原因', icon: 'none' })
    const words = n > 0 ? `增加 ${n} 积分` : `扣减 ${-n} 积分`
    if (!(await confirmAction(`${words}？`, `原因：${reason.trim()}`, '确认调整', { destructive: n < 0 }))) return
    setPending(true)
    try {
      onChanged(await memberCareApi.adjustPoints({ memberId, amount: n, reason: reason.trim(), requestId: requestId.current }))
      requestId.current = newRequestId()
      setAmount('')
      setReason('')
      void Taro.showToast({ title: '积分已调整', icon: 'success' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  return (
    <View className='ops-case__actions'>
      <TextField value={amount} placeholder='调整积分（负数为扣减）' maxLength={6} onChange={setAmount} />
      <TextField value={reason} placeholder='调整原因' maxLength={100} onChange={setReason} />
      <Button type='primary' size='small' loading={pending} onClick={() => void submit()}>
        调整积分
      </Button>
    </View>
  )
}
