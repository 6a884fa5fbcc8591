// Stands in for '@nutui/icons-react-taro' in the builds (config/index.ts). The library's index carries
// every icon it ships and an animation stylesheet; the shop draws these, each from its own module,
// so a tab page loads only the icons its components draw. An icon newly used in the shop or by a
// newly used NutUI component is added here. The icons' box rules load with the app (app.ts): this
// index is side-effect free (config/index.ts), so a stylesheet imported here would be dropped.

export { default as ArrowDown } from '@nutui/icons-react-taro/dist/es/icons/ArrowDown.js'
export { default as CheckDisabled } from '@nutui/icons-react-taro/dist/es/icons/CheckDisabled.js'
export { default as CheckNormal } from '@nutui/icons-react-taro/dist/es/icons/CheckNormal.js'
export { default as Checked } from '@nutui/icons-react-taro/dist/es/icons/Checked.js'
export { default as Close } from '@nutui/icons-react-taro/dist/es/icons/Close.js'
export { default as Image } from '@nutui/icons-react-taro/dist/es/icons/Image.js'
export { default as ImageError } from '@nutui/icons-react-taro/dist/es/icons/ImageError.js'
export { default as Loading } from '@nutui/icons-react-taro/dist/es/icons/Loading.js'
export { default as Loading1 } from '@nutui/icons-react-taro/dist/es/icons/Loading1.js'
export { default as MaskClose } from '@nutui/icons-react-taro/dist/es/icons/MaskClose.js'
export { default as Refund } from '@nutui/icons-react-taro/dist/es/icons/Refund.js'
export { default as ToPay } from '@nutui/icons-react-taro/dist/es/icons/ToPay.js'
export { default as ToReceive } from '@nutui/icons-react-taro/dist/es/icons/ToReceive.js'
export { default as Transit } from '@nutui/icons-react-taro/dist/es/icons/Transit.js'
export { default as User } from '@nutui/icons-react-taro/dist/es/icons/User.js'
