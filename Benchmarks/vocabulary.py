"""Real words of each UN language, for the synthetic benchmark corpus.

The corpus is not meant to be read: it only has to look like policy prose to the Markdown parser, the
heading-id slugger and the escaper (word lengths, spaces, punctuation and, above all, the scripts and
their byte lengths in UTF-8: Latin with accents, Cyrillic, Arabic, Chinese).
"""

WORDS = {
    "en": """city cities urban rural housing energy transport mobility water waste climate policy policies
        governance municipal regional national local government citizens residents public private sector
        partnership investment finance innovation technology digital data indicators monitoring progress
        sustainable development resilience planning land use infrastructure services health education
        employment income poverty inequality older people youth women children accessibility safety
        security emissions efficiency renewable buildings heating electricity network broadband internet
        strategy framework assessment review recommendations implementation capacity institutions
        cooperation stakeholders participation transparency accountability budget procurement
        neighbourhood district metropolitan area population growth density green space air quality
        noise pollution adaptation mitigation risk disaster flood heat wave inclusive affordable
        decent quality access connectivity smart solutions platform open standards evidence research
        universities enterprises small medium firms productivity economy tourism culture heritage""",
    "fr": """ville villes urbain rural logement énergie transport mobilité eau déchets climat politique
        politiques gouvernance municipal régional national local gouvernement citoyens habitants public
        privé secteur partenariat investissement financement innovation technologie numérique données
        indicateurs suivi progrès durable développement résilience planification aménagement territoire
        infrastructures services santé éducation emploi revenu pauvreté inégalités personnes âgées jeunes
        femmes enfants accessibilité sécurité émissions efficacité renouvelable bâtiments chauffage
        électricité réseau haut débit stratégie cadre évaluation examen recommandations mise œuvre
        capacités institutions coopération parties prenantes participation transparence responsabilité
        budget marchés quartier district métropole agglomération population croissance densité espaces
        verts qualité air bruit pollution adaptation atténuation risque catastrophe inondation canicule
        inclusif abordable décent accès connectivité intelligent solutions plateforme normes ouvertes
        données probantes recherche universités entreprises petites moyennes productivité économie""",
    "es": """ciudad ciudades urbano rural vivienda energía transporte movilidad agua residuos clima política
        políticas gobernanza municipal regional nacional local gobierno ciudadanos habitantes público
        privado sector asociación inversión financiación innovación tecnología digital datos indicadores
        seguimiento progreso sostenible desarrollo resiliencia planificación uso suelo infraestructura
        servicios salud educación empleo ingresos pobreza desigualdad personas mayores jóvenes mujeres
        niños accesibilidad seguridad emisiones eficiencia renovable edificios calefacción electricidad
        red banda ancha estrategia marco evaluación examen recomendaciones aplicación capacidad
        instituciones cooperación partes interesadas participación transparencia rendición cuentas
        presupuesto contratación barrio distrito metropolitana zona población crecimiento densidad
        espacios verdes calidad aire ruido contaminación adaptación mitigación riesgo desastre
        inundación ola calor inclusivo asequible digno acceso conectividad inteligente soluciones
        plataforma normas abiertas pruebas investigación universidades empresas pequeñas medianas""",
    "ru": """город города городской сельский жильё энергия транспорт мобильность вода отходы климат политика
        управление муниципальный региональный национальный местный правительство граждане жители
        государственный частный сектор партнёрство инвестиции финансирование инновации технологии
        цифровой данные показатели мониторинг прогресс устойчивый развитие устойчивость планирование
        землепользование инфраструктура услуги здравоохранение образование занятость доходы бедность
        неравенство пожилые люди молодёжь женщины дети доступность безопасность выбросы эффективность
        возобновляемый здания отопление электроэнергия сеть широкополосный интернет стратегия рамки
        оценка обзор рекомендации осуществление потенциал учреждения сотрудничество заинтересованные
        стороны участие прозрачность подотчётность бюджет закупки район округ агломерация население
        рост плотность зелёные зоны качество воздуха шум загрязнение адаптация смягчение риск бедствие
        наводнение жара инклюзивный доступный достойный связность умный решения платформа открытые
        стандарты исследования университеты предприятия малые средние производительность экономика""",
    "ar": """مدينة مدن حضري ريفي إسكان طاقة نقل تنقل مياه نفايات مناخ سياسة سياسات حوكمة بلدي إقليمي وطني
        محلي حكومة مواطنون سكان عام خاص قطاع شراكة استثمار تمويل ابتكار تكنولوجيا رقمي بيانات مؤشرات
        رصد تقدم مستدام تنمية قدرة صمود تخطيط استخدام الأراضي بنية تحتية خدمات صحة تعليم عمالة دخل
        فقر عدم مساواة كبار السن شباب نساء أطفال إمكانية الوصول سلامة أمن انبعاثات كفاءة متجددة مبان
        تدفئة كهرباء شبكة النطاق العريض إنترنت استراتيجية إطار تقييم استعراض توصيات تنفيذ قدرات
        مؤسسات تعاون أصحاب المصلحة مشاركة شفافية مساءلة ميزانية مشتريات حي منطقة حضرية سكانية نمو
        كثافة مساحات خضراء جودة الهواء ضوضاء تلوث تكيف تخفيف مخاطر كوارث فيضانات موجة حر شامل ميسور
        لائق اتصال ذكي حلول منصة معايير مفتوحة أدلة بحوث جامعات مؤسسات صغيرة متوسطة إنتاجية اقتصاد""",
    "zh": """城市 城镇 农村 住房 能源 交通 出行 水资源 废物 气候 政策 治理 市政 区域 国家 地方 政府 公民
        居民 公共 私营 部门 伙伴关系 投资 融资 创新 技术 数字 数据 指标 监测 进展 可持续 发展 韧性
        规划 土地 利用 基础设施 服务 卫生 教育 就业 收入 贫困 不平等 老年人 青年 妇女 儿童 无障碍
        安全 排放 效率 可再生 建筑 供暖 电力 网络 宽带 互联网 战略 框架 评估 审查 建议 实施 能力
        机构 合作 利益攸关方 参与 透明度 问责 预算 采购 社区 街区 都市 人口 增长 密度 绿地 空气
        质量 噪音 污染 适应 减缓 风险 灾害 洪水 热浪 包容 负担得起 体面 连通性 智慧 解决方案 平台
        开放 标准 证据 研究 大学 企业 中小 生产力 经济 旅游 文化 遗产""",
}

# Sentence punctuation per script: full stop, comma, and whether words are separated by spaces.
PUNCTUATION = {
    "en": (".", ",", " "),
    "fr": (".", ",", " "),
    "es": (".", ",", " "),
    "ru": (".", ",", " "),
    "ar": (".", "،", " "),
    "zh": ("。", "，", ""),
}

CITIES = ["Valencia", "Ålesund", "Stavanger", "Karmøy", "Riyadh", "Tbilisi", "Almaty", "Minsk", "Kyiv",
          "Yerevan", "Bishkek", "Geneva", "Kraków", "Tallinn", "Nur-Sultan", "Podgorica", "Dubai", "Moscow"]


def words(language):
    return WORDS[language].split()
