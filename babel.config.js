// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    // NutUI on demand: `import { Button } from '@nutui/nutui-react-taro'` becomes the Button module
    // plus its own stylesheet, instead of the whole library and its ~300 KB stylesheet.
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        // The shop's check box never sits in a group, so it skips the group's rules that style/css adds.
        customStyleName: (name) =>
          name === 'Checkbox'
            ? '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/style.css'
            : `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
