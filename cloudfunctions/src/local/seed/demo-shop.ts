// Demo content for the local host: the tea & snack brand 山野茶集, seeded into a fresh database.
// Pure and deterministic (only `now` is read); images are committed under ./media and referenced as /media/…
import type { Category, Member, Post, Product, PurchaseLimits, Role, Sku, Tier } from '../../../../types/domain'
import { type DemoReaction, demoReactions } from './reactions'
import { DAY_MS, HOUR_MS } from '../../core/time'

export interface DemoPerson {
  id: string
  label: string
  member: Member
}

export interface DemoShop {
  categories: Category[]
  products: Product[]
  posts: Post[]
  people: DemoPerson[]
  members: Member[]
  /** The demo members' likes and favourites of the posts: the only source of the counts shown. */
  reactions: DemoReaction[]
}

type Specs = Record<string, string>
/** [specs, list price in fen, stock] */
type SkuRow = [Specs, number, number]

/** Every combination of two spec dimensions; prices and stocks are indexed [first][second]. */
function grid(first: [string, string[]], second: [string, string[]], prices: number[][], stocks: number[][]): SkuRow[] {
  const [firstName, firstValues] = first
  const [secondName, secondValues] = second
  return firstValues.flatMap((a, i) =>
    secondValues.map((b, j): SkuRow => [{ [firstName]: a, [secondName]: b }, prices[i][j], stocks[i][j]]),
  )
}

function one(dimension: string, rows: Array<[string, number, number]>): SkuRow[] {
  return rows.map(([value, price, stock]) => [{ [dimension]: value }, price, stock])
}

const CATEGORIES: Array<[id: string, name: string]> = [
  ['c-tea', '茗茶'],
  ['c-snack', '茶点零食'],
  ['c-drink', '冲饮'],
  ['c-ware', '茶器'],
  ['c-gift', '礼盒'],
]

interface ProductSeed {
  categoryId: string
  title: string
  subtitle: string
  detail: string
  tags: string[]
  sales: number
  images: 1 | 2 | 3
  ageDays: number
  skus: SkuRow[]
  featured?: true
  off?: true
  commissionBps?: number
  limits?: PurchaseLimits
}

const PRODUCTS: ProductSeed[] = [
  // p01
  {
    categoryId: 'c-tea',
    title: '明前西湖龙井 特级',
    subtitle: '杭州狮峰山产区 手工炒制 豆香清鲜',
    detail:
      '采自杭州狮峰山核心产区，清明前一芽一叶初展时手工采摘，由老师傅在铁锅中炒制定型。干茶扁平挺直、色泽嫩绿，冲泡后豆香清幽，滋味鲜爽甘醇。建议用85℃左右的水、玻璃杯下投法冲泡，可以看到芽叶在杯中缓缓舒展。',
    tags: ['新品', '热销'],
    sales: 2316,
    images: 3,
    ageDays: 12,
    featured: true,
    skus: one('规格', [
      ['50g罐装', 12800, 180],
      ['100g罐装', 23800, 96],
      ['250g礼罐', 56800, 4],
    ]),
  },
  // p02
  {
    categoryId: 'c-tea',
    title: '福鼎白毫银针',
    subtitle: '单芽采制 毫香蜜韵 可饮可存',
    detail:
      '只取福鼎大白茶春季头采的肥壮单芽，日光萎凋、文火焙干，芽身满披白毫。汤色杏黄明亮，入口是清甜的毫香与蜜韵。新茶鲜爽，存放几年后会慢慢转出枣香与药香。',
    tags: ['会员专享'],
    sales: 684,
    images: 2,
    ageDays: 40,
    skus: one('规格', [
      ['50g罐装', 16800, 64],
      ['100g罐装', 29800, 3],
    ]),
  },
  // p03
  {
    categoryId: 'c-tea',
    title: '武夷山正岩大红袍',
    subtitle: '岩骨花香 传统炭焙中足火 独立泡袋',
    detail:
      '茶青来自武夷山正岩产区，传统炭焙中足火，条索乌润紧结。冲泡后岩韵明显，花果香与焙火香交织，七泡之后仍有余韵。每泡8克独立包装，出差旅行带上几泡也很方便。',
    tags: ['热销'],
    sales: 1532,
    images: 2,
    ageDays: 55,
    featured: true,
    commissionBps: 800,
    skus: one('规格', [
      ['8g×10泡', 9800, 240],
      ['8g×20泡', 18800, 120],
    ]),
  },
  // p04
  {
    categoryId: 'c-tea',
    title: '勐海古树普洱熟茶饼',
    subtitle: '357g七子饼 渥堆发酵 陈香醇厚',
    detail:
      '选用勐海茶区古树晒青毛茶，经传统渥堆发酵后压制成饼。汤色红浓透亮，滋味醇厚顺滑，带有淡淡的陈香与枣香。适合冬日围炉慢煮，也适合长期存放。',
    tags: ['限量'],
    sales: 412,
    images: 2,
    ageDays: 70,
    skus: one('规格', [
      ['357g整饼', 26800, 58],
      ['100g小饼', 8800, 0],
    ]),
  },
  // p05
  {
    categoryId: 'c-tea',
    title: '安溪铁观音 清香型',
    subtitle: '兰花香 回甘快 真空小泡袋',
    detail:
      '安溪感德镇高山茶园出品，轻发酵清香工艺，颗粒紧结、砂绿油润。冲泡后兰花香高扬，汤色金黄，回甘迅速。每泡7克真空小袋，开袋即泡，香气保存更完整。',
    tags: ['热销'],
    sales: 3108,
    images: 1,
    ageDays: 80,
    skus: one('规格', [
      ['7g×20泡', 6800, 310],
      ['7g×50泡', 15800, 88],
    ]),
  },
  // p06
  {
    categoryId: 'c-tea',
    title: '桐木关正山小种红茶',
    subtitle: '传统松烟香 桂圆甜 口感温润',
    detail: '产自武夷山桐木关，沿用松木熏焙的传统工艺，带有独特的松烟香与桂圆甜香。汤色橙红，口感柔滑温润，加奶调成奶茶也很出色。',
    tags: [],
    sales: 958,
    images: 2,
    ageDays: 63,
    skus: one('规格', [
      ['100g袋装', 7800, 150],
      ['250g罐装', 16800, 46],
    ]),
  },
  // p07
  {
    categoryId: 'c-tea',
    title: '福鼎白牡丹茶饼',
    subtitle: '2019年春料 紧压成饼 枣香渐显',
    detail:
      '选用2019年春季白牡丹原料紧压成饼，经过几年自然存放，毫香之中已透出清甜的枣香。可以撬开冲泡，也可以掰一小块放进壶里煮饮。一饼在手，适合慢慢喝、慢慢等它变化。',
    tags: [],
    sales: 521,
    images: 2,
    ageDays: 47,
    skus: one('规格', [
      ['100g小饼', 6800, 130],
      ['300g整饼', 17800, 42],
    ]),
  },
  // p08
  {
    categoryId: 'c-tea',
    title: '茉莉花茶 飘雪',
    subtitle: '七窨一提 花香鲜灵 汤色清亮',
    detail:
      '以四川蒙顶山烘青绿茶为茶坯，用伏天的茉莉花经七次窨制、一次提花。冲泡时花香扑鼻，汤色清亮，茶味鲜爽不闷。适合在办公室用玻璃杯直接冲泡。',
    tags: ['热销'],
    sales: 4210,
    images: 1,
    ageDays: 86,
    skus: one('规格', [
      ['50g袋装', 3900, 420],
      ['100g罐装', 6900, 210],
      ['250g罐装', 15800, 0],
    ]),
  },
  // p09
  {
    categoryId: 'c-snack',
    title: '杏仁薄脆酥',
    subtitle: '整片杏仁 低温慢烤 酥而不腻',
    detail:
      '整片大杏仁铺满薄脆饼底，低温慢烤至金黄，入口酥脆不粘牙。抹茶口味选用宇治抹茶粉，微苦回甘，和绿茶、乌龙都很搭。每枚独立小包装，下午茶时拆一包刚刚好。',
    tags: ['新品'],
    sales: 1876,
    images: 2,
    ageDays: 9,
    skus: grid(
      ['规格', ['单盒8枚', '两盒16枚']],
      ['口味', ['原味', '抹茶']],
      [
        [2990, 3290],
        [5580, 6180],
      ],
      [
        [260, 140],
        [90, 2],
      ],
    ),
  },
  // p10
  {
    categoryId: 'c-snack',
    title: '每日坚果 轻烘焙',
    subtitle: '6种坚果果干 每袋25g 独立充氮',
    detail:
      '腰果、巴旦木、榛子、核桃仁、蔓越莓干和蓝莓干按比例搭配，每袋25克刚好一天的量。坚果低温轻烘焙，保留原本的香脆，不额外加盐和糖。独立充氮包装，放在办公桌抽屉里随手一袋。',
    tags: ['热销'],
    sales: 7825,
    images: 2,
    ageDays: 85,
    featured: true,
    commissionBps: 800,
    skus: one('规格', [
      ['25g×7袋', 3990, 380],
      ['25g×30袋', 12900, 160],
    ]),
  },
  // p11
  {
    categoryId: 'c-snack',
    title: '新会陈皮话梅',
    subtitle: '陈皮甘草腌制 酸甜生津',
    detail: '精选广东青梅，与新会陈皮、甘草一同腌制晾晒，入口先酸后甜，陈皮香气绵长。饭后或喝茶时来一颗，解腻又解馋。',
    tags: ['热销'],
    sales: 5630,
    images: 1,
    ageDays: 78,
    skus: one('规格', [
      ['尝鲜装60g', 990, 500],
      ['120g×3袋', 4990, 220],
    ]),
  },
  // p12
  {
    categoryId: 'c-snack',
    title: '茶香瓜子',
    subtitle: '茶汤慢煮入味 颗颗饱满',
    detail: '挑选大颗饱满的葵花籽，用普洱茶汤或桂花乌龙茶汤慢煮入味，再低温烘干。壳薄仁满，嗑起来带着淡淡的茶香，不沾手。',
    tags: [],
    sales: 2290,
    images: 1,
    ageDays: 66,
    skus: grid(
      ['规格', ['200g', '500g']],
      ['口味', ['普洱茶香', '桂花茶香']],
      [
        [1590, 1690],
        [2990, 3190],
      ],
      [
        [300, 240],
        [120, 0],
      ],
    ),
  },
  // p13
  {
    categoryId: 'c-snack',
    title: '桂花山楂糕',
    subtitle: '低糖配方 软糯酸甜',
    detail: '山楂去籽后慢火熬煮，加入少许糖桂花，切成小块后软糯有嚼劲。酸甜适口，配一杯熟普或红茶正好。',
    tags: ['低糖'],
    sales: 1340,
    images: 1,
    ageDays: 30,
    skus: one('规格', [['250g盒装', 1890, 190]]),
  },
  // p14
  {
    categoryId: 'c-snack',
    title: '冻干草莓脆',
    subtitle: '整颗冻干 不添加蔗糖',
    detail: '丹东草莓整颗真空冻干，保留果实原本的颜色和酸甜，咬下去咔嚓作响。除了草莓本身不添加蔗糖，可以直接吃，也可以撒在酸奶和燕麦上。',
    tags: ['新品', '限量'],
    sales: 864,
    images: 2,
    ageDays: 6,
    skus: one('规格', [
      ['30g罐装', 2290, 5],
      ['30g×3罐', 5990, 0],
    ]),
  },
  // p15
  {
    categoryId: 'c-snack',
    title: '手作绿豆糕',
    subtitle: '细腻绵密 入口即化',
    detail: '去皮绿豆细细研磨后用少量黄油炒制，口感细腻绵密，入口即化。每盒12枚，独立小包装，每周少量现做。',
    tags: ['限量'],
    sales: 2045,
    images: 1,
    ageDays: 88,
    off: true,
    skus: one('口味', [
      ['原味', 2590, 80],
      ['抹茶', 2790, 60],
      ['红豆', 2590, 0],
    ]),
  },
  // p16
  {
    categoryId: 'c-drink',
    title: '冷泡茶 三角茶包',
    subtitle: '冷水热水都能泡 30秒出汤',
    detail:
      '乌龙茶配冻干白桃果粒、绿茶配青提与茉莉花，按配方装进三角茶包。冷水浸泡2小时或热水冲泡30秒即可出汤，茶底扎实、果香自然。放一包进随行杯，一整天都有好茶喝。',
    tags: ['新品', '热销'],
    sales: 6342,
    images: 3,
    ageDays: 20,
    featured: true,
    commissionBps: 1000,
    skus: grid(
      ['口味', ['白桃乌龙', '青提茉莉']],
      ['规格', ['10包', '30包']],
      [
        [3990, 9900],
        [3990, 9900],
      ],
      [
        [420, 180],
        [360, 3],
      ],
    ),
  },
  // p17
  {
    categoryId: 'c-drink',
    title: '红枣桂圆枸杞茶',
    subtitle: '一杯一包 果干自然甜',
    detail:
      '新疆若羌红枣、莆田桂圆肉和宁夏枸杞切片组合，每包10克。热水冲泡五分钟，汤色红亮，自带果干的自然甜味。冬天捧在手里，暖手又暖心。',
    tags: [],
    sales: 3320,
    images: 1,
    ageDays: 50,
    skus: one('规格', [
      ['10g×15包', 2990, 270],
      ['10g×30包', 5490, 140],
    ]),
  },
  // p18
  {
    categoryId: 'c-drink',
    title: '大凉山黑苦荞茶',
    subtitle: '全胚芽烘烤 麦香浓郁',
    detail: '大凉山高海拔种植的黑苦荞，整粒全胚芽烘烤，冲泡后有浓郁的麦香和谷物甜。可以反复冲泡多次，饭后代替白水也不错。',
    tags: [],
    sales: 1720,
    images: 1,
    ageDays: 58,
    skus: one('规格', [
      ['300g罐装', 2490, 200],
      ['600g罐装', 4490, 75],
    ]),
  },
  // p19
  {
    categoryId: 'c-drink',
    title: '杭白菊决明子花草茶',
    subtitle: '清新花草 每日一包',
    detail: '桐乡杭白菊与炒决明子、金银花组合成花草茶包，热水冲泡后菊香清新，微带谷物香。适合午后换换口味，泡一杯慢慢喝。',
    tags: [],
    sales: 640,
    images: 1,
    ageDays: 74,
    off: true,
    skus: one('规格', [['5g×20包', 2590, 60]]),
  },
  // p20
  {
    categoryId: 'c-drink',
    title: '宇治抹茶拿铁粉',
    subtitle: '可冲可烘焙 冷热都顺滑',
    detail:
      '以日本宇治抹茶为主料，搭配新西兰全脂奶粉调配，冷热牛奶都能快速化开。0蔗糖款使用赤藓糖醇调味，甜度更轻。除了冲饮，也可以用来做抹茶蛋糕和冰淇淋。',
    tags: ['新品'],
    sales: 982,
    images: 2,
    ageDays: 16,
    skus: grid(
      ['口味', ['经典', '0蔗糖']],
      ['规格', ['200g袋装', '500g罐装']],
      [
        [4590, 9800],
        [4890, 10500],
      ],
      [
        [150, 60],
        [110, 1],
      ],
    ),
  },
  // p21
  {
    categoryId: 'c-drink',
    title: '安岳冻干柠檬片',
    subtitle: '片片完整 泡水清香不苦',
    detail: '四川安岳黄柠檬切成薄片后低温冻干，每片都保持完整的果肉和果皮。搭配绿茶或蜂蜜泡水，清香不苦涩。',
    tags: ['热销'],
    sales: 8120,
    images: 1,
    ageDays: 44,
    skus: one('规格', [
      ['尝鲜装30g', 990, 480],
      ['100g罐装', 1990, 260],
    ]),
  },
  // p22
  {
    categoryId: 'c-ware',
    title: '龙泉青瓷盖碗',
    subtitle: '手拉坯薄胎 外翻碗沿不烫手',
    detail:
      '浙江龙泉匠人手拉坯成型，釉色温润如玉，梅子青浓郁，粉青柔和。碗沿外翻设计，出汤时手指不易烫到。150毫升容量，适合一人或两人对饮。',
    tags: [],
    sales: 356,
    images: 2,
    ageDays: 38,
    skus: grid(
      ['颜色', ['梅子青', '粉青']],
      ['规格', ['盖碗150ml', '盖碗+公道杯']],
      [
        [16800, 23800],
        [16800, 23800],
      ],
      [
        [45, 20],
        [38, 0],
      ],
    ),
  },
  // p23
  {
    categoryId: 'c-ware',
    title: '便携旅行茶具 一壶三杯',
    subtitle: '快客杯 收纳包 出门即泡',
    detail:
      '一只陶瓷内胆快客壶搭配三只小杯，全部收进一个巴掌大的收纳包。壶盖自带滤网，投茶注水即可出汤。露营、出差、去朋友家，都能随手泡上一壶好茶。',
    tags: ['热销'],
    sales: 1488,
    images: 3,
    ageDays: 27,
    featured: true,
    skus: one('颜色', [
      ['米白', 13800, 86],
      ['墨绿', 13800, 64],
    ]),
  },
  // p24
  {
    categoryId: 'c-ware',
    title: '柴烧粗陶茶杯',
    subtitle: '窑变肌理 每只都不同',
    detail: '景德镇柴窑烧制，落灰与火痕在杯身自然形成窑变，每一只的纹理都独一无二。杯壁厚实，保温好，手感温厚。用得越久，光泽越温润。',
    tags: ['新品'],
    sales: 713,
    images: 2,
    ageDays: 14,
    skus: one('规格', [
      ['单只', 5800, 120],
      ['两只装', 10800, 48],
    ]),
  },
  // p25
  {
    categoryId: 'c-ware',
    title: '玻璃飘逸杯',
    subtitle: '一键茶水分离 办公室泡茶',
    detail: '高硼硅玻璃壶身配可拆洗内胆，按下按钮茶汤即刻滤出，避免久泡变苦。绿茶、乌龙、花草茶都能用，是办公室泡茶的省事之选。',
    tags: [],
    sales: 2640,
    images: 1,
    ageDays: 60,
    skus: one('规格', [
      ['500ml', 6900, 230],
      ['800ml', 7900, 170],
    ]),
  },
  // p26
  {
    categoryId: 'c-ware',
    title: '宜兴原矿紫砂壶 西施',
    subtitle: '原矿紫泥 全手工 220ml',
    detail:
      '宜兴丁蜀镇匠人全手工制作，选用原矿紫泥，壶身圆润饱满，出水顺畅。紫砂透气性好，适合冲泡乌龙、普洱和红茶。附手写证书与锦盒，每月仅少量出窑。',
    tags: ['限量', '会员专享'],
    sales: 37,
    images: 3,
    ageDays: 33,
    commissionBps: 500,
    skus: one('规格', [['220ml', 128800, 2]]),
  },
  // p27
  {
    categoryId: 'c-gift',
    title: '山野四季茶礼盒',
    subtitle: '龙井 白茶 岩茶 红茶 一盒尝遍四季',
    detail:
      '春之龙井、夏之白茶、秋之岩茶、冬之红茶，四款招牌茶各装一罐，一盒尝遍四季。外盒以山野手绘插画装帧，附赠手提袋与贺卡，送长辈、送朋友都很体面。',
    tags: ['送礼优选', '会员专享'],
    sales: 1204,
    images: 3,
    ageDays: 24,
    featured: true,
    commissionBps: 1200,
    skus: one('规格', [
      ['标准装', 39800, 600],
      ['尊享装(含盖碗)', 68800, 24],
    ]),
  },
  // p28
  {
    categoryId: 'c-gift',
    title: '茶点礼盒',
    subtitle: '一盒好茶配点心 待客送礼都合适',
    detail: '一罐白牡丹、一罐正山小种，搭配流心奶黄酥和杏仁薄脆，茶与点心一盒配齐。月白款清雅，朱红款喜庆，三盒装附赠同款手提袋。',
    tags: ['新品', '送礼优选'],
    sales: 688,
    images: 2,
    ageDays: 4,
    skus: grid(
      ['款式', ['月白', '朱红']],
      ['规格', ['单盒', '三盒装']],
      [
        [26800, 76800],
        [26800, 76800],
      ],
      [
        [140, 30],
        [160, 5],
      ],
    ),
  },
  // p29
  {
    categoryId: 'c-gift',
    title: '新人尝鲜礼包',
    subtitle: '5款好茶各一泡 找到你的口粮茶',
    detail: '龙井、白牡丹、大红袍、铁观音、正山小种各一泡，每泡都是正装同款茶叶。每位会员限购一份，先尝一尝，再挑出自己最爱的那一款。',
    tags: ['新人专享'],
    sales: 9630,
    images: 2,
    ageDays: 89,
    featured: true,
    limits: { perOrder: 1, perMember: 1, newMembersOnly: true },
    skus: one('规格', [['5泡装', 990, 500]]),
  },
  // p30
  {
    categoryId: 'c-gift',
    title: '白茶三饼收藏礼盒',
    subtitle: '寿眉 白牡丹 银针 三饼一盒',
    detail: '寿眉、白牡丹、白毫银针三款福鼎白茶各一饼，从浓醇到清鲜依次排列。实木礼盒可长期收纳，适合喜欢存茶的朋友。',
    tags: ['限量', '送礼优选'],
    sales: 156,
    images: 2,
    ageDays: 35,
    skus: one('规格', [['三饼礼盒', 58800, 4]]),
  },
]

interface MemberSeed {
  id: string
  nickname: string
  tier: Tier
  roles: Role[]
  ageDays: number
}

const BRAND: MemberSeed = { id: 'brand', nickname: '山野茶集官方', tier: 1, roles: ['operator', 'owner'], ageDays: 400 }

/** Staff who are demo people beyond the owner: a 客服 who may run orders, after-sales and moderation only. */
const STAFF: Array<MemberSeed & { label: string }> = [
  { id: 'service', label: '客服', nickname: '客服小禾', tier: 1, roles: ['operator', 'service'], ageDays: 200 },
]

const PEOPLE: Array<MemberSeed & { label: string }> = [
  { id: 'consumer-v1', label: '新会员 · V1 顾客', nickname: '小满', tier: 1, roles: ['consumer'], ageDays: 2 },
  { id: 'consumer-v4', label: '老会员 · V4 顾客', nickname: '林间听茶', tier: 4, roles: ['consumer'], ageDays: 380 },
  { id: 'koc', label: 'KOC 分销员', nickname: '阿柚爱喝茶', tier: 3, roles: ['consumer', 'distributor'], ageDays: 260 },
  { id: 'operator', label: '运营', nickname: '运营小山', tier: 1, roles: ['operator', 'owner'], ageDays: 300 },
]

const OTHER_MEMBERS: MemberSeed[] = [
  { id: 'm01', nickname: '一只鹿鹿', tier: 1, roles: ['consumer'], ageDays: 12 },
  { id: 'm02', nickname: '周末去爬山', tier: 1, roles: ['consumer'], ageDays: 30 },
  { id: 'm03', nickname: '陈皮不是皮', tier: 2, roles: ['consumer'], ageDays: 90 },
  { id: 'm04', nickname: 'Momo酱', tier: 2, roles: ['consumer'], ageDays: 120 },
  { id: 'm05', nickname: '晚风', tier: 3, roles: ['consumer'], ageDays: 180 },
  { id: 'm06', nickname: '岩韵爱好者', tier: 3, roles: ['consumer', 'distributor'], ageDays: 220 },
  { id: 'm07', nickname: '苏苏的茶席', tier: 4, roles: ['consumer'], ageDays: 340 },
  { id: 'm08', nickname: '老茶客王叔', tier: 4, roles: ['consumer'], ageDays: 365 },
  { id: 'm09', nickname: '素心', tier: 5, roles: ['consumer'], ageDays: 420 },
  { id: 'm10', nickname: '福鼎白茶控', tier: 5, roles: ['consumer'], ageDays: 500 },
]

interface PostSeed {
  authorId: string
  title: string
  body: string
  productIds: string[]
  /** How many of the demo members found it useful: each one a like record (approved posts only). */
  likers: number
  ageHours: number
  status?: Post['status']
  /** Photos after the cover. */
  extraImages: 0 | 1
}

const POSTS: PostSeed[] = [
  {
    authorId: 'brand',
    title: '明前龙井怎么泡才不苦？记住这三个细节',
    body: '很多朋友说龙井泡出来发苦，问题多半出在水温和时间上。第一，水烧开后晾到80–85℃再冲，太烫会把嫩芽烫熟。第二，用玻璃杯下投法：先注三分之一的水润茶，摇香十几秒再加满。第三，茶汤喝到三分之一时就续水，别让茶叶一直泡着。按这个方法试试，豆香和鲜爽都会出来。',
    productIds: ['p01', 'p25'],
    likers: 7,
    ageHours: 2 * 24 + 5,
    extraImages: 1,
  },
  {
    authorId: 'brand',
    title: '白茶入门：银针、白牡丹、寿眉怎么选？',
    body: '白茶按采摘等级分为银针、白牡丹和寿眉。银针只取单芽，毫香最足、滋味最清鲜；白牡丹一芽一二叶，花香和甜度更平衡；寿眉叶片多，滋味浓醇，适合煮着喝。新手可以从白牡丹开始，喜欢清鲜口感再试银针。想慢慢存茶的话，紧压的茶饼更省空间。',
    productIds: ['p02', 'p07', 'p30'],
    likers: 9,
    ageHours: 5 * 24 + 3,
    extraImages: 0,
  },
  {
    authorId: 'brand',
    title: '夏天的冷泡茶，一包就够',
    body: '天热不想烧水，冷泡茶最省心。把一包冷泡茶包放进500毫升常温水，放冰箱两小时就能喝。冷泡出来的茶苦涩物质少，口感更甜更柔。白桃乌龙适合早上提神，青提茉莉适合午后。记得24小时内喝完哦。',
    productIds: ['p16', 'p25'],
    likers: 12,
    ageHours: 8 * 24 + 10,
    extraImages: 1,
  },
  {
    authorId: 'brand',
    title: '岩茶的“岩韵”到底是什么味道？',
    body: '常听人说岩茶有“岩骨花香”，其实“岩韵”说的是茶汤厚重、入口有骨感、回甘持久的感觉。这和武夷山丹霞地貌的土壤有关，正岩茶园的茶树扎根在岩缝里，滋味更有层次。品鉴时建议用盖碗、沸水快出汤，前三泡感受香气，后几泡感受汤感。慢慢喝几次，你就会找到它。',
    productIds: ['p03', 'p22'],
    likers: 5,
    ageHours: 11 * 24 + 2,
    extraImages: 0,
  },
  {
    authorId: 'brand',
    title: '送长辈的茶礼，这样挑不出错',
    body: '给长辈选茶，口感温和、包装体面最重要。喜欢绿茶的长辈可以选龙井，喜欢醇厚口感的可以选熟普或红茶，想一次多几种选择就选四季茶礼盒。送客户和朋友，茶点礼盒更显心意。礼盒都附赠手提袋和贺卡，可以提前写好祝福。',
    productIds: ['p27', 'p28'],
    likers: 8,
    ageHours: 3 * 24 + 8,
    extraImages: 1,
  },
  {
    authorId: 'brand',
    title: '办公室下午茶，这样搭配刚刚好',
    body: '下午三点最容易犯困，泡一杯茶配一点小零食正好。红枣桂圆茶配坚果，甜度温和不腻；抹茶味的杏仁薄脆配一杯绿茶，清爽解馋。零食都是独立小包装，放在抽屉里不占地方。今天的下午茶，你打算怎么配？',
    productIds: ['p17', 'p10', 'p09'],
    likers: 10,
    ageHours: 14 * 24 + 6,
    extraImages: 0,
  },
  {
    authorId: 'brand',
    title: '一把紫砂壶的养成日记',
    body: '新壶到手先用清水煮一煮，去掉表面的浮尘和土味。之后最好“一壶一茶”，固定泡乌龙或普洱，茶味会慢慢养进壶里。每次泡完倒掉茶渣，用热水冲净后晾干，不要用洗洁精。用上一段时间，壶身会自然泛出温润的光泽。',
    productIds: ['p26', 'p04'],
    likers: 3,
    ageHours: 17 * 24 + 9,
    extraImages: 0,
  },
  {
    authorId: 'brand',
    title: '熟普入门：第一泡要不要洗茶？',
    body: '熟普经过渥堆发酵，第一泡用沸水快速冲洗，可以唤醒茶性、洗去表面浮尘。之后每泡出汤时间从10秒开始，逐泡延长。熟普耐泡，一饼茶可以陪你喝很久。配一只厚壁的粗陶杯，汤色红浓，看着就暖。',
    productIds: ['p04', 'p24'],
    likers: 4,
    ageHours: 20 * 24 + 4,
    extraImages: 0,
  },
  {
    authorId: 'brand',
    title: '一杯茉莉花茶背后的七次窨制',
    body: '窨制就是让茶叶吸收花香的过程。伏天傍晚采下含苞的茉莉，与茶坯层层堆放，花开时香气被茶叶吸收。每一窨后要筛去花渣、复火，再进行下一窨，飘雪要重复七次。最后一次只用少量鲜花“提花”，让香气更鲜灵。所以一口好的花茶，花香在茶里，而不在花瓣上。',
    productIds: ['p08'],
    likers: 6,
    ageHours: 24 * 24 + 7,
    extraImages: 0,
  },
  {
    authorId: 'brand',
    title: '出门露营，也能好好喝一杯茶',
    body: '露营装备里加一套便携茶具，体验会完全不一样。快客杯一壶三杯，收纳包塞进背包侧袋就行。带几泡独立包装的岩茶和冻干柠檬片，热水一冲，山风配茶香。记得把茶渣装袋带走，给山野留下干净的样子。',
    productIds: ['p23', 'p03', 'p21'],
    likers: 11,
    ageHours: 27 * 24 + 3,
    extraImages: 1,
  },
  {
    authorId: 'consumer-v4',
    title: '周末茶席｜龙井配杏仁酥',
    body: '周末在阳台摆了个小茶席，泡的是今年的明前龙井。茶汤一出来就是清清的豆香，配原味杏仁薄脆刚好，不会抢茶的味道。给朋友也分了一包，她说下次要自己买一罐。',
    productIds: ['p01', 'p09'],
    likers: 3,
    ageHours: 4 * 24 + 2,
    extraImages: 1,
  },
  {
    authorId: 'koc',
    title: '冷泡白桃乌龙，打工人的续命水',
    body: '每天早上出门前往随行杯里丢一包白桃乌龙，加满常温水，到公司就能喝了。桃子香很自然，乌龙的茶底也在。我一般一包可以续两次水，第二杯更柔和。',
    productIds: ['p16'],
    likers: 5,
    ageHours: 6 * 24 + 9,
    extraImages: 0,
  },
  {
    authorId: 'm07',
    title: '粗陶杯越用越好看',
    body: '入手这只柴烧杯快一个月了，每天用它喝熟普。杯壁厚，茶汤不容易凉，拿在手里很踏实。窑变的纹路在灯下特别好看，最近感觉表面更亮了一点。',
    productIds: ['p24', 'p04'],
    likers: 2,
    ageHours: 9 * 24 + 1,
    extraImages: 0,
  },
  {
    authorId: 'm09',
    title: '存了两年的白牡丹饼，开始有枣香了',
    body: '前年买的白牡丹饼，一直放在柜子里的纸箱中。这周撬了一小块，第一泡还是清甜的毫香，到第三泡开始有淡淡的枣香。煮着喝更明显，汤色也深了一些。准备再留一饼，看看明年会变成什么样。',
    productIds: ['p07'],
    likers: 3,
    ageHours: 13 * 24 + 5,
    extraImages: 0,
  },
  {
    authorId: 'm03',
    title: '第一次买抹茶拿铁粉，冰的热的都试了',
    body: '选的0蔗糖款，冰牛奶摇一摇就化开了，没有结块。抹茶味挺浓，带一点点苦，正合我口味。热的我加了一勺蜂蜜，更顺口。',
    productIds: ['p20'],
    likers: 0,
    ageHours: 20,
    status: 'pending',
    extraImages: 0,
  },
  {
    authorId: 'consumer-v1',
    title: '新人尝鲜礼包开箱',
    body: '刚注册会员就下单了尝鲜礼包，五款茶各一泡，包装很精致。先泡了铁观音，兰花香很明显。剩下四泡打算这周慢慢试，找一款当口粮茶。',
    productIds: ['p29', 'p05'],
    likers: 0,
    ageHours: 10,
    status: 'pending',
    extraImages: 0,
  },
  {
    authorId: 'm04',
    title: '拼单的姐妹看过来',
    body: '这款礼盒我买了好几次，想找人一起拼单。有需要的可以私信我加微信，我统一下单再分给大家。数量有限，先到先得。',
    productIds: ['p27'],
    likers: 0,
    ageHours: 7 * 24 + 4,
    status: 'rejected',
    extraImages: 0,
  },
]

const SHARE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Eight characters derived from the member id (FNV-1a seed, xorshift stream), so reseeding gives the same codes. */
function shareCodeFor(id: string): string {
  let h = 0x811c9dc5
  for (const ch of id) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0
  let code = ''
  for (let i = 0; i < 8; i++) {
    h ^= h << 13
    h ^= h >>> 17
    h ^= h << 5
    h >>>= 0
    code += SHARE_CODE_ALPHABET[h % SHARE_CODE_ALPHABET.length]
  }
  return code
}

const pad2 = (n: number) => String(n).padStart(2, '0')

export function demoShop(now: number): DemoShop {
  const categories: Category[] = CATEGORIES.map(([id, name], i) => ({
    id,
    name,
    icon: `/media/categories/${id}.png`,
    sort: i + 1,
  }))

  const products: Product[] = PRODUCTS.map((seed, i) => {
    const id = `p${pad2(i + 1)}`
    const skus: Sku[] = seed.skus.map(([specs, price, stock], j) => ({
      id: `${id}-s${j + 1}`,
      productId: id,
      specs,
      price,
      stock,
    }))
    return {
      id,
      categoryId: seed.categoryId,
      title: seed.title,
      subtitle: seed.subtitle,
      images: Array.from({ length: seed.images }, (_, k) => `/media/products/${id}-${k + 1}.jpg`),
      detail: seed.detail,
      tags: seed.tags,
      sales: seed.sales,
      status: seed.off ? 'off' : 'on',
      featured: seed.featured ?? false,
      commissionBps: seed.commissionBps ?? null,
      sort: (i + 1) * 10,
      // Spread within the day too, so "newest" ordering never ties.
      createdAt: now - seed.ageDays * DAY_MS - ((i * 7) % 24) * HOUR_MS,
      skus,
      ...(seed.limits ? { limits: seed.limits } : {}),
    }
  })

  const toMember = (seed: MemberSeed, avatar: string): Member => ({
    id: seed.id,
    nickname: seed.nickname,
    avatar,
    tier: seed.tier,
    roles: seed.roles,
    shareCode: shareCodeFor(seed.id),
    createdAt: now - seed.ageDays * DAY_MS,
  })

  const brand = toMember(BRAND, '/media/avatars/brand.jpg')
  const others = [...PEOPLE, ...OTHER_MEMBERS].map((seed, i) => toMember(seed, `/media/avatars/a${pad2(i + 1)}.jpg`))
  // The brand's staff wear the brand's avatar.
  const staff = STAFF.map((seed) => toMember(seed, '/media/avatars/brand.jpg'))
  const members = [brand, ...others, ...staff]
  const people: DemoPerson[] = [
    ...PEOPLE.map((seed, i) => ({ id: seed.id, label: seed.label, member: others[i] })),
    ...STAFF.map((seed, i) => ({ id: seed.id, label: seed.label, member: staff[i] })),
  ]

  const posts: Post[] = POSTS.map((seed, i) => {
    const id = `post${pad2(i + 1)}`
    const cover = `/media/posts/${id}.jpg`
    return {
      id,
      authorId: seed.authorId,
      title: seed.title,
      body: seed.body,
      cover,
      images: seed.extraImages ? [cover, `/media/posts/${id}-2.jpg`] : [cover],
      productIds: seed.productIds,
      kind: seed.authorId === BRAND.id ? 'pgc' : 'ugc',
      status: seed.status ?? 'approved',
      createdAt: now - seed.ageHours * HOUR_MS,
    }
  })

  const reactions = demoReactions(
    posts.map((post, i) => ({ post, likers: POSTS[i].likers })),
    others.filter((m) => m.roles.includes('consumer')),
    now,
  )
  return { categories, products, posts, people, members, reactions }
}
