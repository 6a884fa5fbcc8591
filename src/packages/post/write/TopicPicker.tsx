import { Text, View } from '@tarojs/components'
import { useRemote } from '../../../hooks/useRemote'
import { postApi } from '../../../services/posts'
import { POST_LIMITS } from './draft'

/**
 * The topics (#话题) a post may carry, from the operators' list: a tap adds or removes one, up to the
 * limit. Without any topic on the list (or when it cannot load) the card stays away: topics are optional.
 */
export function TopicPicker({ chosen, onChange }: { chosen: readonly string[]; onChange: (topicIds: string[]) => void }) {
  const topics = useRemote(() => postApi.topics(), [])
  if (topics.status !== 'ready' || topics.data.length === 0) return null
  const toggle = (id: string) => {
    if (chosen.includes(id)) onChange(chosen.filter((topicId) => topicId !== id))
    else if (chosen.length < POST_LIMITS.topics) onChange([...chosen, id])
  }
  return (
    <View className='post-write__card'>
      <Text className='post-write__card-title'>
        话题（{chosen.length}/{POST_LIMITS.topics}）
      </Text>
      <View className='post-write__topics'>
        {topics.data.map((topic) => (
          <Text
            key={topic.id}
            aria-selected={chosen.includes(topic.id)}
            className={`post-write__topic${chosen.includes(topic.id) ? ' post-write__topic--on' : ''}`}
            onClick={() => toggle(topic.id)}
          >
            #{topic.name}
          </Text>
        ))}
      </View>
    </View>
  )
}
