import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { ModeratedCommentView } from '../../../../types/api'
import { usePagedList } from '../../../hooks/usePagedList'
import { postApi } from '../../../services/posts'
import { showFailure } from '../../../utils/feedback'
import { shanghaiDateTime } from '../../../utils/time'
import { PagedRows, StageChips } from './parts'
import './CommentModeration.scss'

const PAGE_SIZE = 10
type Filter = 'held' | 'hidden'
const FILTERS: { key: Filter; title: string; empty: string }[] = [
  { key: 'held', title: '待复核', empty: '没有被内容安全拦下的评论' },
  { key: 'hidden', title: '已隐藏', empty: '没有被隐藏的评论' },
]
const SAFETY: Record<ModeratedCommentView['safety'], string> = { pass: '已通过', review: '疑似违规', risky: '违规', pending: '检测中' }
/** Why staff hide a comment, kept in the audit log. */
const HIDE_REASON = '违反社区规范'

/**
 * 评论审核: comments content security held back (only their authors see them) and comments staff hid.
 * A held one is passed by a person or hidden; a hidden one can be shown again. Each is audited.
 */
export function CommentModeration() {
  const [filter, setFilter] = useState<Filter>('held')
  const queue = usePagedList((page) => postApi.moderation({ filter, page, pageSize: PAGE_SIZE }), [filter])
  const [decided, setDecided] = useState<Record<string, ModeratedCommentView>>({})
  const { empty } = FILTERS.find((f) => f.key === filter) ?? FILTERS[0]

  return (
    <View>
      <StageChips
        options={FILTERS}
        chosen={filter}
        onChoose={(key) => {
          setDecided({})
          setFilter(key)
        }}
      />
      <PagedRows list={queue} empty={{ title: empty }}>
        {(comment) => (
          <ModeratedComment
            key={comment.id}
            comment={decided[comment.id] ?? comment}
            onDecided={(view) => setDecided((all) => ({ ...all, [view.id]: view }))}
          />
        )}
      </PagedRows>
    </View>
  )
}

function ModeratedComment({ comment, onDecided }: { comment: ModeratedCommentView; onDecided: (view: ModeratedCommentView) => void }) {
  const [pending, setPending] = useState(false)
  const decide = async (show: boolean) => {
    setPending(true)
    try {
      onDecided(show ? await postApi.showComment(comment.id) : await postApi.hideComment(comment.id, HIDE_REASON))
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  const visible = comment.state === 'shown' && comment.safety === 'pass'
  return (
    <View className='ops-card' aria-label={`评论：${comment.text}`}>
      <Text className='ops-card__title'>{comment.text}</Text>
      <Text className='ops-card__meta'>
        {`${comment.author?.nickname ?? '已注销用户'} · 《${comment.postTitle}》 · ${shanghaiDateTime(comment.createdAt)}`}
      </Text>
      <Text className='ops-card__meta'>{`内容安全：${SAFETY[comment.safety]} · ${comment.state === 'hidden' ? '已隐藏' : visible ? '公开' : '仅作者可见'}`}</Text>
      <View className='ops-card__actions'>
        {!visible && (
          <Button size='small' type='primary' loading={pending} disabled={pending} onClick={() => void decide(true)}>
            {comment.state === 'hidden' ? '恢复显示' : '通过'}
          </Button>
        )}
        {comment.state !== 'hidden' && (
          <Button size='small' loading={pending} disabled={pending} onClick={() => void decide(false)}>
            隐藏
          </Button>
        )}
      </View>
    </View>
  )
}
