import { Text } from '@tarojs/components'
import { Collapse } from '@nutui/nutui-react-taro'
import { RuleSections, StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { pointsApi } from '../../../services/points'
import { EXPAND_ARROW } from './ExpandArrow'

/** The published points rules (earning, spending, expiry), as the server states them. */
export function RulesCard({ defaultOpen }: { defaultOpen: boolean }) {
  const rules = useRemote(() => pointsApi.rules(), [])

  return (
    <Collapse
      className='points-box points-collapse points-rules'
      defaultActiveName={defaultOpen ? ['rules'] : []}
      expandIcon={EXPAND_ARROW}
      rotate={90}
    >
      <Collapse.Item name='rules' title='积分规则' extra={<Text className='points-rules__extra'>获得、使用与有效期</Text>}>
        {rules.status === 'loading' && <StateView kind='loading' />}
        {rules.status === 'error' && <StateView kind='error' message={rules.message} onRetry={rules.reload} />}
        {rules.status === 'ready' && <RuleSections sections={rules.data.sections} />}
      </Collapse.Item>
    </Collapse>
  )
}
