"""Chinese (Taiwan) and Japanese for the deck's assumptions slide (setting names and where
each figure comes from), kept apart from the chart phrases of
:mod:`commsim.analysis.translations_zh_tw` and :mod:`commsim.analysis.translations_ja`."""

from __future__ import annotations

ZH_TW_DECK: dict[str, str] = {
    "Price per purchase": "每次購買價格",
    "Gross margin": "毛利率",
    "Market share at the start": "起始市占率",
    "Brand awareness at the start": "起始品牌知名度",
    "Organic reach (share of followers a post reaches)": "自然觸及率（每則貼文觸及粉絲的比例）",
    "Cost per 1,000 ad impressions (CPM)": "每千次廣告曝光成本（CPM）",
    "Cost of a value post": "每則價值內容貼文成本",
    "Cost of a promotional post": "每則促銷貼文成本",
    "Community management cost per day": "每日社群經營成本",
    "Cost per reply to a member": "每則回覆成員的成本",
    "Community": "社群",
    "Share of value content": "價值內容占比",
    "Ad budget per day": "每日廣告預算",
    "Posts per day": "每日貼文數",
    "Simulated members": "模擬成員數",
    "your figure (brand profile)": "您提供的數字（品牌概況）",
    "assumption": "假設",
    "not set: the model's default": "未設定：模型預設值",
    "Monthly budget": "每月預算",
    "Followers at the start": "起始粉絲數",
    "Engagement rate per post": "每則貼文互動率",
    "of reach": "（以觸及人數計）",
    "of followers": "（以粉絲數計）",
    "experiment {name}, commsim {version}": "實驗 {name}，commsim {version}",
}

JA_DECK: dict[str, str] = {
    "Price per purchase": "購入1回あたりの価格",
    "Gross margin": "粗利率",
    "Market share at the start": "開始時の市場シェア",
    "Brand awareness at the start": "開始時のブランド認知率",
    "Organic reach (share of followers a post reaches)": "オーガニックリーチ（投稿が届くフォロワーの割合）",
    "Cost per 1,000 ad impressions (CPM)": "広告1,000インプレッションあたりの費用（CPM）",
    "Cost of a value post": "価値コンテンツ投稿1件の費用",
    "Cost of a promotional post": "販促投稿1件の費用",
    "Community management cost per day": "1日あたりのコミュニティ運営費",
    "Cost per reply to a member": "メンバーへの返信1件の費用",
    "Community": "コミュニティ",
    "Share of value content": "価値コンテンツの割合",
    "Ad budget per day": "1日あたりの広告予算",
    "Posts per day": "1日あたりの投稿数",
    "Simulated members": "シミュレーションのメンバー数",
    "your figure (brand profile)": "お客様の数値（ブランドプロフィール）",
    "assumption": "仮定",
    "not set: the model's default": "未設定：モデルの既定値",
    "Monthly budget": "月間予算",
    "Followers at the start": "開始時のフォロワー数",
    "Engagement rate per post": "投稿あたりのエンゲージメント率",
    "of reach": "（リーチ比）",
    "of followers": "（フォロワー比）",
    "experiment {name}, commsim {version}": "実験 {name}、commsim {version}",
}
