import { Text, View } from '@tarojs/components'
import './index.scss'

/** Published rules as the server states them (points, distribution): titled sections of bulleted lines. */
export function RuleSections({ sections }: { sections: readonly { title: string; lines: readonly string[] }[] }) {
  return (
    <View className='rule-sections'>
      {sections.map((section) => (
        <View key={section.title} className='rule-sections__section'>
          <Text className='rule-sections__title'>{section.title}</Text>
          {section.lines.map((line) => (
            <Text key={line} className='rule-sections__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
