"""Chinese (Taiwan) and Japanese for the claims audit's slides: verdicts, findings, the
claims' titles and their mechanisms."""

from __future__ import annotations

ZH_TW_CLAIMS: dict[str, str] = {
    "holds": "成立",
    "reversed": "相反",
    "undecided": "未定",
    "sourced": "有出處",
    " on {platform}": "（{platform}）",
    "A quick look, not verdicts: horizons capped at {days} days and at most {members} members": (
        "快速檢視，並非結論：期間上限 {days} 天，成員最多 {members} 人"
    ),
    "Claim": "主張",
    "Does each claim hold on each platform? The verdict, and the effect with its 95% range": (
        "各主張在各平台是否成立？結論，以及效果與其 95% 信賴區間"
    ),
    "Effect of moving it from half to twice its value ({unit}, ± 95%)": (
        "將其從一半調到兩倍的影響（{unit}，± 95%）"
    ),
    "How much that effect varies with the others": "該影響隨其他設定變動的幅度",
    "Its default": "其預設值",
    "Platforms: {platforms}. {n} paired replicates per arm, seed {seed}, {runs} runs": (
        "平台：{platforms}。每個策略 {n} 次配對模擬，亂數種子 {seed}，共 {runs} 次模擬"
    ),
    "Rank": "排名",
    "Share of the effect lost with the mechanism switched off (100%: all of it)": (
        "關閉該機制後失去的效果比例（100%：全部）"
    ),
    "Source: commsim claims audit '{name}': {n} paired replicates per arm, seed {seed}; "
    "mean paired difference with 95% bootstrap interval": (
        "來源：commsim 主張檢驗「{name}」：每個策略 {n} 次配對模擬，亂數種子 {seed}；"
        "配對差平均與 95% 自助法信賴區間"
    ),
    "Which marketing claims hold, and where: audit {name}": "哪些行銷主張成立、在哪裡成立：檢驗 {name}",
    "all of the effect and more": "全部效果甚至更多",
    "every platform audited": "所有檢驗的平台",
    "no results": "沒有結果",
    "reversing world:": "相反情境：",
    "without {mechanism}": "沒有{mechanism}",
    "{claim} depends most on {names}": "{claim} 最取決於{names}",
    "{claim} moves most with {names}, not yet told apart from the rest": (
        "{claim} 隨{names}變動最大，但尚無法與其他設定區分"
    ),
    "{claim} {title}: {verdicts}": "{claim} {title}：{verdicts}",
    "{claim}: no mechanism's share could be measured": "{claim}：無法測得任何機制的占比",
    "{claim}: no screening result": "{claim}：沒有篩選結果",
    "{claim}: switching off no single mechanism weakens the effect": (
        "{claim}：關閉任一機制都不會削弱效果"
    ),
    "{claim}: without {mechanism}, it loses {lost}{where}": "{claim}：沒有{mechanism}，會失去{lost}{where}",
    "{favoured} minus {versus}: {metric} ({unit})": "{favoured} 減 {versus}：{metric}（{unit}）",
    "{mean} (no interval: n = {n})": "{mean}（無區間：n = {n}）",
    "{share} of the effect": "{share} 的效果",
    "{verdict} on {where}": "在{where}{verdict}",
    # The claims (commsim.studies.claims_catalogue) and their mechanisms
    "Broad topics gather people; brand-first communities rarely do": "廣泛話題能聚集人群；以品牌為主的社群很少做到",
    "Value content beats sales push": "價值內容勝過促銷推播",
    "Push wins early, value late; early reviews kill the payoff": "促銷早期勝出、價值內容後期勝出；過早評估會扼殺回報",
    "Organic reach is limited; paid reach bootstraps": "自然觸及有限；付費觸及能帶動起步",
    "Followers bought with giveaways are worthless": "靠贈品買來的粉絲沒有價值",
    "Cultivating opinion leaders pays": "經營意見領袖值得",
    "One good post beats many poor ones": "一則好貼文勝過許多差貼文",
    "Fast replies keep members; slow ones lose them to competitors": "快速回覆留住成員；回覆慢會讓成員流向競爭者",
    "ads as meetings with the community": "廣告作為與社群的接觸",
    "attitude from value content": "價值內容帶來的好感",
    "engagement ranking": "互動排序",
    "fatigue": "疲乏",
    "leaders' persuasion": "意見領袖的說服力",
    "leaders' reach among friends": "意見領袖在朋友間的觸及",
    "making the brand known": "讓品牌被認識",
    "needs follow involvement": "需求跟隨參與度",
    "prize seekers leave": "獵獎者離開",
    "replies lift attitude": "回覆提升好感",
    "shares": "分享",
    "silence lowers it": "沉默降低好感",
    "the bridge from topic to brand": "從話題到品牌的橋梁",
    "the programme's attention": "計畫帶來的關注",
    "the promotion lift": "促銷提升",
    "the wrong audience": "錯誤的受眾",
    "ties among the similar": "相似者之間的連結",
}

JA_CLAIMS: dict[str, str] = {
    "holds": "成立",
    "reversed": "逆転",
    "undecided": "未決",
    "sourced": "出典あり",
    " on {platform}": "（{platform}）",
    "A quick look, not verdicts: horizons capped at {days} days and at most {members} members": (
        "簡易チェックであり結論ではありません：期間は最長{days}日、メンバーは最大{members}人"
    ),
    "Claim": "主張",
    "Does each claim hold on each platform? The verdict, and the effect with its 95% range": (
        "各主張は各プラットフォームで成り立つか：判定と、効果およびその95%信頼区間"
    ),
    "Effect of moving it from half to twice its value ({unit}, ± 95%)": (
        "値を半分から2倍に動かしたときの影響（{unit}、± 95%）"
    ),
    "How much that effect varies with the others": "その影響が他の設定とともに変わる幅",
    "Its default": "既定値",
    "Platforms: {platforms}. {n} paired replicates per arm, seed {seed}, {runs} runs": (
        "プラットフォーム：{platforms}。各施策{n}回の対応のある試行、シード{seed}、計{runs}回"
    ),
    "Rank": "順位",
    "Share of the effect lost with the mechanism switched off (100%: all of it)": (
        "その仕組みを止めたときに失われる効果の割合（100%：すべて）"
    ),
    "Source: commsim claims audit '{name}': {n} paired replicates per arm, seed {seed}; "
    "mean paired difference with 95% bootstrap interval": (
        "出典：commsim 主張の検証「{name}」：各施策{n}回の対応のある試行、シード{seed}；"
        "対応差の平均と95%ブートストラップ信頼区間"
    ),
    "Which marketing claims hold, and where: audit {name}": "どのマーケティングの主張がどこで成り立つか：検証 {name}",
    "all of the effect and more": "効果のすべて以上",
    "every platform audited": "検証したすべてのプラットフォーム",
    "no results": "結果なし",
    "reversing world:": "逆転する世界：",
    "without {mechanism}": "{mechanism}なし",
    "{claim} depends most on {names}": "{claim}は{names}に最も左右される",
    "{claim} moves most with {names}, not yet told apart from the rest": (
        "{claim}は{names}で最も動くが、他の設定とはまだ区別できない"
    ),
    "{claim} {title}: {verdicts}": "{claim} {title}：{verdicts}",
    "{claim}: no mechanism's share could be measured": "{claim}：どの仕組みの割合も測れなかった",
    "{claim}: no screening result": "{claim}：スクリーニング結果なし",
    "{claim}: switching off no single mechanism weakens the effect": (
        "{claim}：どの仕組みを1つ止めても効果は弱まらない"
    ),
    "{claim}: without {mechanism}, it loses {lost}{where}": "{claim}：{mechanism}がないと{lost}を失う{where}",
    "{favoured} minus {versus}: {metric} ({unit})": "{favoured} − {versus}：{metric}（{unit}）",
    "{mean} (no interval: n = {n})": "{mean}（区間なし：n = {n}）",
    "{share} of the effect": "効果の{share}",
    "{verdict} on {where}": "{where}で{verdict}",
    "Broad topics gather people; brand-first communities rarely do": "広い話題は人を集め、ブランド中心のコミュニティはめったに集めない",
    "Value content beats sales push": "価値コンテンツは販促プッシュに勝る",
    "Push wins early, value late; early reviews kill the payoff": "販促は早く、価値は遅く勝つ；早すぎる評価は成果をつぶす",
    "Organic reach is limited; paid reach bootstraps": "オーガニックリーチは限られ、有料リーチが立ち上げを助ける",
    "Followers bought with giveaways are worthless": "プレゼントで集めたフォロワーには価値がない",
    "Cultivating opinion leaders pays": "オピニオンリーダーの育成は報われる",
    "One good post beats many poor ones": "良い投稿1件は質の低い多数の投稿に勝る",
    "Fast replies keep members; slow ones lose them to competitors": "速い返信はメンバーを保ち、遅い返信は競合に奪われる",
    "ads as meetings with the community": "コミュニティとの接点としての広告",
    "attitude from value content": "価値コンテンツによる好意",
    "engagement ranking": "エンゲージメント順の表示",
    "fatigue": "疲れ",
    "leaders' persuasion": "リーダーによる説得",
    "leaders' reach among friends": "リーダーの友人間のリーチ",
    "making the brand known": "ブランドを知ってもらうこと",
    "needs follow involvement": "ニーズが関与に従う",
    "prize seekers leave": "懸賞目当ての離脱",
    "replies lift attitude": "返信による好意の向上",
    "shares": "シェア",
    "silence lowers it": "無反応による低下",
    "the bridge from topic to brand": "話題からブランドへの橋渡し",
    "the programme's attention": "施策による注目",
    "the promotion lift": "販促による押し上げ",
    "the wrong audience": "的外れな受け手",
    "ties among the similar": "似た者同士のつながり",
}
