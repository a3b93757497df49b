"""Chinese (Taiwan) and Japanese for the claims' own words
(:mod:`commsim.studies.claims_catalogue`): each arm's name (``few_good`` as ``few good``),
each reversing world and each practitioner's statement, keyed by the catalogue's English like
the claims' titles in :mod:`commsim.analysis.translations_claims`."""

from __future__ import annotations

ZH_TW_CLAIM_WORDS: dict[str, str] = {
    # arms
    "topic": "話題社群",
    "brand": "品牌社群",
    "value": "價值內容",
    "push": "促銷推播",
    "value reviewed": "價值內容（一年後評估）",
    "paid": "付費觸及",
    "organic": "僅自然觸及",
    "plain": "一般做法",
    "giveaway": "贈品活動",
    "kol": "意見領袖計畫",
    "few good": "少而精的貼文",
    "many poor": "多而差的貼文",
    "fast": "快速回覆",
    "slow": "慢速回覆",
    # reversing worlds
    "brand affinity common (0.5) and topic interest rare (0.02)": (
        "品牌好感普遍（0.5），話題興趣罕見（0.02）"
    ),
    "value content informs but does not change minds, and a recent push lifts purchase "
    "utility by 3 (promotions convert strongly)": (
        "價值內容提供資訊但不改變想法，近期的促銷推播使購買效用提高 3（促銷轉換力強）"
    ),
    "value content informs but does not change minds, and promotions convert strongly "
    "(promo lift 3): a kill of the value programme saves money": (
        "價值內容提供資訊但不改變想法，促銷轉換力強（促銷提升 3）：終止價值方案反而省錢"
    ),
    # Audits written before 0.4.1 name F3's and F8's reversing worlds so:
    "value content informs but does not change minds, and promotions convert strongly "
    "(promo lift 3)": "價值內容提供資訊但不改變想法，促銷轉換力強（促銷提升 3）",
    "members do not care whether the brand replies": "成員不在意品牌是否回覆",
    "every post reaches every follower (organic reach 1, no ranking)": (
        "每則貼文都觸及所有粉絲（自然觸及 1，無排序）"
    ),
    "the prize draws the category's own audience, at a tenth of the cost": (
        "贈品吸引的是該品類自己的受眾，成本僅十分之一"
    ),
    "everyone already knows the brand, and followers read a sponsored post as an ad and give "
    "it no weight": "人人都已認識這個品牌，粉絲把業配貼文當成廣告，完全不予理會",
    # Audits written before F6's creator programme name its reversing world so:
    "leaders reach no more of their friends than a share does and are trusted no more "
    "than the brand": "意見領袖觸及的朋友不比一次分享多，也不比品牌更受信任",
    "posts never tire and the feed ignores engagement": "貼文永不令人疲乏，動態消息也不看互動",
    "the brand holds 90% of the category and no rival answers: members who cool at silence "
    "have almost nowhere else to buy": (
        "品牌握有該品類 90% 的市場且沒有對手回覆：因沉默而冷淡的成員幾乎無處可買"
    ),
    # the practitioners' statements
    "Brand-first communities rarely gather people; a broader topic gathers many, then connects "
    "them to the brand.": "以品牌為主的社群很少能聚集人群；更廣的話題能聚集許多人，再把他們連結到品牌。",
    "Sales-push content fails; value content (knowledge that solves the customer's problem) "
    "finds new customers.": "促銷推播內容行不通；價值內容（解決顧客問題的知識）能找到新顧客。",
    "Results take long: push wins early, value wins late; programmes killed at an early review "
    "never see the payoff.": (
        "成果需要時間：促銷早期勝出，價值內容後期勝出；在早期評估就被喊停的計畫永遠看不到回報。"
    ),
    "Only ~15% of fans see a post ('no pay, no earn'): organic reach is limited, paid reach "
    "bootstraps.": "只有約 15% 的粉絲看得到貼文（「不付費就沒收穫」）：自然觸及有限，付費觸及能帶動起步。",
    "Follower counts bought with incentives are worthless; active members and conversion rate "
    "matter.": "用誘因買來的粉絲數沒有價值；重要的是活躍成員與轉換率。",
    "Opinion leaders are the most trusted source; cultivating leaders inside the community "
    "pays.": "意見領袖是最受信任的來源；在社群內培養意見領袖值得。",
    "Focus on one core topic; quality beats quantity (one good post beats 30 random ones).": (
        "專注一個核心話題；質勝於量（一則好貼文勝過 30 則隨意的貼文）。"
    ),
    "Two-way communication: fast replies keep members; slow ones lose them to competitors.": (
        "雙向溝通：快速回覆留住成員；回覆慢會讓成員流向競爭者。"
    ),
    # the seed articles each statement comes from
    "seed 000": "參考文章 000",
    "seed 002": "參考文章 002",
    "seeds 001, 003": "參考文章 001, 003",
    "seeds 002, 003, 004": "參考文章 002, 003, 004",
    "seeds 002, 004": "參考文章 002, 004",
    "seeds 003, 004": "參考文章 003, 004",
}

JA_CLAIM_WORDS: dict[str, str] = {
    "topic": "話題コミュニティ",
    "brand": "ブランドコミュニティ",
    "value": "価値コンテンツ",
    "push": "販促プッシュ",
    "value reviewed": "価値コンテンツ（1年後に評価）",
    "paid": "有料リーチ",
    "organic": "オーガニックのみ",
    "plain": "通常の運用",
    "giveaway": "プレゼント企画",
    "kol": "インフルエンサー施策",
    "few good": "少数の良い投稿",
    "many poor": "多数の質の低い投稿",
    "fast": "速い返信",
    "slow": "遅い返信",
    "brand affinity common (0.5) and topic interest rare (0.02)": (
        "ブランドへの好意が一般的（0.5）で、話題への関心がまれ（0.02）"
    ),
    "value content informs but does not change minds, and a recent push lifts purchase "
    "utility by 3 (promotions convert strongly)": (
        "価値コンテンツは情報を与えるが考えを変えず、直近の販促プッシュが購買効用を3高める"
        "（販促の転換力が強い）"
    ),
    "value content informs but does not change minds, and promotions convert strongly "
    "(promo lift 3): a kill of the value programme saves money": (
        "価値コンテンツは情報を与えるが考えを変えず、販促の転換力が強い（販促の押し上げ3）："
        "価値施策の打ち切りで費用が浮く"
    ),
    # Audits written before 0.4.1 name F3's and F8's reversing worlds so:
    "value content informs but does not change minds, and promotions convert strongly "
    "(promo lift 3)": "価値コンテンツは情報を与えるが考えを変えず、販促の転換力が強い（販促の押し上げ3）",
    "members do not care whether the brand replies": "メンバーはブランドが返信するかどうかを気にしない",
    "every post reaches every follower (organic reach 1, no ranking)": (
        "すべての投稿がすべてのフォロワーに届く（オーガニックリーチ1、順位付けなし）"
    ),
    "the prize draws the category's own audience, at a tenth of the cost": (
        "景品がその分野本来の受け手を集め、費用は10分の1"
    ),
    "everyone already knows the brand, and followers read a sponsored post as an ad and give "
    "it no weight": "誰もがすでにブランドを知っており、フォロワーはスポンサー投稿を広告とみなして重みを置かない",
    # Audits written before F6's creator programme name its reversing world so:
    "leaders reach no more of their friends than a share does and are trusted no more "
    "than the brand": "リーダーが届く友人はシェア1回分と変わらず、ブランド以上には信頼されない",
    "posts never tire and the feed ignores engagement": "投稿は飽きられず、フィードはエンゲージメントを考慮しない",
    "the brand holds 90% of the category and no rival answers: members who cool at silence "
    "have almost nowhere else to buy": (
        "ブランドが分野の90%を占め、返信する競合もない：沈黙で冷めたメンバーにはほかに買う先がほとんどない"
    ),
    "Brand-first communities rarely gather people; a broader topic gathers many, then connects "
    "them to the brand.": "ブランド中心のコミュニティはめったに人を集めない。より広い話題が多くの人を集め、それからブランドにつなげる。",
    "Sales-push content fails; value content (knowledge that solves the customer's problem) "
    "finds new customers.": "販促プッシュのコンテンツは失敗する。価値コンテンツ（顧客の課題を解決する知識）が新しい顧客を見つける。",
    "Results take long: push wins early, value wins late; programmes killed at an early review "
    "never see the payoff.": (
        "成果には時間がかかる：販促は早く、価値は遅く勝つ。早い段階の評価で打ち切られた施策は成果を見ない。"
    ),
    "Only ~15% of fans see a post ('no pay, no earn'): organic reach is limited, paid reach "
    "bootstraps.": "投稿を見るのはファンの約15%だけ（「払わなければ得られない」）：オーガニックリーチは限られ、有料リーチが立ち上げを助ける。",
    "Follower counts bought with incentives are worthless; active members and conversion rate "
    "matter.": "特典で集めたフォロワー数には価値がない。大事なのは活発なメンバーとコンバージョン率。",
    "Opinion leaders are the most trusted source; cultivating leaders inside the community "
    "pays.": "オピニオンリーダーは最も信頼される情報源であり、コミュニティ内でリーダーを育てることは報われる。",
    "Focus on one core topic; quality beats quantity (one good post beats 30 random ones).": (
        "1つの中心的な話題に絞る。量より質（良い投稿1件は思いつきの30件に勝る）。"
    ),
    "Two-way communication: fast replies keep members; slow ones lose them to competitors.": (
        "双方向のコミュニケーション：速い返信はメンバーを保ち、遅い返信は競合に奪われる。"
    ),
    "seed 000": "元記事 000",
    "seed 002": "元記事 002",
    "seeds 001, 003": "元記事 001, 003",
    "seeds 002, 003, 004": "元記事 002, 003, 004",
    "seeds 002, 004": "元記事 002, 004",
    "seeds 003, 004": "元記事 003, 004",
}
