import { useEffect, useRef, useState } from 'react'
import { Canvas, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { SharePayload } from '../../../types/api'
import type { Fen } from '../../../types/domain'
import { describeError, isCallError } from '../../services/errors'
import { mediaUrl } from '../../services/media'
import { showFailure } from '../../utils/feedback'
import { qrMatrix } from '../../utils/qr'
import { StateView } from '../StateView'
import { type PosterArt, POSTER_SCALE, POSTER_WIDTH, drawPoster, posterLayout } from './poster'
import { type PosterCanvas, loadPosterImage, pageLink, savePoster } from './posterCanvas'
import './index.scss'

const CANVAS_ID = 'poster'
/** Room kept for the poster until its title has been measured: a one-line title. */
const FIRST_HEIGHT = posterLayout(POSTER_WIDTH, '', 0).height
const CANVAS_TRIES = 3
const CANVAS_RETRY_MS = 100

type Stage = { kind: 'drawing' } | { kind: 'ready' } | { kind: 'failed'; message: string }

/** What a poster shows: a photo, a title, a price (with an optional tag above it, e.g. `3人团 拼团价`) and a QR. */
export interface PosterContent {
  title: string
  price: Fen
  /** Media path of the photo. */
  image: string
  /** The server's mini program code, or locally the page path to encode as this app's link. */
  qr: SharePayload['qr']
  tag?: string
}

interface SharePosterProps {
  /** Asks the server for what to draw; called when the sheet opens and again on 重试. */
  load: () => Promise<PosterContent>
  /** The sheet's title. */
  title?: string
  onClose: () => void
}

/**
 * A poster sheet: draws what `load` answers (photo, title, price, shop and a QR that opens the page)
 * on a 2d canvas, and 保存到相册. The product page's share poster and a team's invite poster use it.
 */
export function SharePoster({ load, title = '分享海报', onClose }: SharePosterProps) {
  const [attempt, setAttempt] = useState(0)
  const [stage, setStage] = useState<Stage>({ kind: 'drawing' })
  const [height, setHeight] = useState(FIRST_HEIGHT)
  const [saving, setSaving] = useState(false)
  const drawn = useRef<PosterCanvas | null>(null)
  // The loader of the latest render; a parent's re-render does not redraw the poster, only 重试 does.
  const loader = useRef(load)
  loader.current = load

  useEffect(() => {
    let current = true
    setStage({ kind: 'drawing' })
    const fitHeight = (posterHeight: number) => {
      if (current) setHeight(posterHeight)
    }
    makePoster(loader.current, fitHeight)
      .then((canvas) => {
        if (!current) return
        drawn.current = canvas
        setStage({ kind: 'ready' })
      })
      .catch((error: unknown) => {
        if (!current) return
        if (isCallError(error)) {
          showFailure(error)
          setStage({ kind: 'failed', message: describeError(error) })
        } else {
          void Taro.showToast({ title: '海报生成失败，请重试', icon: 'none' })
          setStage({ kind: 'failed', message: '海报生成失败，请重试' })
        }
      })
    return () => {
      current = false
    }
  }, [attempt])

  const save = async () => {
    if (!drawn.current || saving) return
    setSaving(true)
    try {
      const confirmation = await savePoster(drawn.current)
      if (confirmation) void Taro.showToast({ title: confirmation, icon: 'success' })
    } catch {
      void Taro.showToast({ title: '保存失败，请稍后重试', icon: 'none' })
    } finally {
      setSaving(false)
    }
  }

  const size = { width: `${POSTER_WIDTH}px`, height: `${height}px` }
  return (
    <Popup className='share-poster' visible position='bottom' round closeable title={title} onClose={onClose}>
      <View className='share-poster__body'>
        <View className='share-poster__stage' style={size}>
          <Canvas id={CANVAS_ID} type='2d' className='share-poster__canvas' style={size} />
          {stage.kind === 'drawing' && (
            <View className='share-poster__veil'>
              <StateView kind='loading' text='海报生成中…' />
            </View>
          )}
          {stage.kind === 'failed' && (
            <View className='share-poster__veil'>
              <StateView kind='error' message={stage.message} onRetry={() => setAttempt((count) => count + 1)} />
            </View>
          )}
        </View>
        <Text className='share-poster__tip'>保存海报后，可以发给朋友或分享到朋友圈</Text>
        <Button className='share-poster__save' type='primary' block disabled={stage.kind !== 'ready'} loading={saving} onClick={save}>
          保存到相册
        </Button>
      </View>
    </Popup>
  )
}

/** Asks for the content, lays the poster out with the canvas's own text measure, loads its images and draws it. */
async function makePoster(load: () => Promise<PosterContent>, onHeight: (height: number) => void): Promise<PosterCanvas> {
  const content = await load()
  const canvas = await findCanvas()
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas 2d is not available')
  const measure = (text: string, font: string) => {
    ctx.font = font
    return ctx.measureText(text).width
  }
  const layout = posterLayout(POSTER_WIDTH, content.title, content.price, { tag: content.tag, measure })
  onHeight(layout.height)
  const art = await loadArt(canvas, content)
  // Resizing clears the canvas and its transform, so it comes before scaling and drawing.
  canvas.width = layout.width * POSTER_SCALE
  canvas.height = layout.height * POSTER_SCALE
  ctx.scale(POSTER_SCALE, POSTER_SCALE)
  drawPoster(ctx, layout, art)
  return canvas
}

/** The photo and the QR: the server's mini program code, or a QR of this app's link to the page. */
async function loadArt(canvas: PosterCanvas, content: PosterContent): Promise<PosterArt> {
  const { qr } = content
  if (qr.kind === 'image') {
    const [photo, code] = await Promise.all([loadPosterImage(canvas, mediaUrl(content.image)), loadPosterImage(canvas, mediaUrl(qr.url))])
    return { photo, qr: { kind: 'image', image: code } }
  }
  const link = pageLink(qr.path)
  if (!link) throw new Error('no web address for a page path here')
  const photo = await loadPosterImage(canvas, mediaUrl(content.image))
  return { photo, qr: { kind: 'modules', modules: qrMatrix(link).modules } }
}

const queryCanvas = () =>
  new Promise<PosterCanvas | null>((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((result) => resolve(result?.[0]?.node ?? null))
  })

/** The browser's canvas is a web component that renders its <canvas> a moment after the sheet mounts it. */
async function findCanvas(): Promise<PosterCanvas> {
  for (let tries = 1; ; tries += 1) {
    const canvas = await queryCanvas()
    if (canvas) return canvas
    if (tries === CANVAS_TRIES) throw new Error('poster canvas not found')
    await new Promise((resolve) => setTimeout(resolve, CANVAS_RETRY_MS))
  }
}
