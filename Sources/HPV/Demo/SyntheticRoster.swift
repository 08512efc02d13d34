import ScreenVaxCore

/// A deterministic generator of realistic synthetic rosters (valid IDs with Jiangxi region codes,
/// Chinese names, schools and guardians), for the demo and the benchmark. No real person's data.
public struct SyntheticRoster {
    /// The same seed gives the same roster on every machine.
    public typealias Random = SplitMix64

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let given = Array("欣怡梓涵诗琪雨桐子萱思彤佳怡可馨语嫣若曦梦琪雅静婉婷晓雪慧敏丽娜文静美玲秀英春燕丹凤海燕玉兰淑华").map(String.init)
    static let fathers = Array("伟强军磊洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆").map(String.init)

    public let divisions: Divisions
    /// Share of girls per city code (e.g. the plan's targets); counties within a city are equally likely.
    public let cityWeights: [(String, Int)]
    public var random: Random
    /// IDs already given, so that no two synthetic girls share one.
    private var used = Set<String>()

    public init(divisions: Divisions, cityWeights: [String: Int], seed: UInt64) {
        self.divisions = divisions
        self.cityWeights = cityWeights.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        random = Random(seed: seed)
    }

    public static let header = ["序号", "地区", "学生姓名", "出生日期", "身份证号码", "在读学校", "班级", "监护人姓名", "监护人电话", "既往HPV疫苗接种情况", "是否愿意接种"]

    /// One roster row. About 3% declined, 1% previously vaccinated, 0.5% over age, in line with school rosters.
    public mutating func row(_ n: Int) -> [String] {
        let total = cityWeights.reduce(0) { $0 + $1.1 }
        var pick = random.int(0..<max(1, total))
        var cityCode = cityWeights.first?.0 ?? "360100"
        for (code, w) in cityWeights { if pick < w { cityCode = code; break }; pick -= w }
        let counties = divisions.counties.filter { $0.cityCode == cityCode }
        let county = random.pick(counties)
        let overAge = random.chance(0.005)
        let year = overAge ? 2008 : (random.chance(0.7) ? 2011 : (random.chance(0.8) ? 2010 : 2012))
        let month = random.int(1..<13)
        let day = random.int(1..<(CalendarDate.daysIn(month: month, year: year) + 1))
        let birth = CalendarDate(year: year, month: month, day: day)!
        var id = ""
        repeat {
            let sequence = random.int(0..<500) * 2   // even: female
            let first17 = county.code + birth.iso.filter { $0 != "-" } + String(sequence).leftPadded(3)
            id = first17 + String(ResidentID.checkCharacter(for: first17))
        } while !used.insert(id).inserted
        let surname = random.pick(SyntheticRoster.surnames)
        let name = surname + random.pick(SyntheticRoster.given) + random.pick(SyntheticRoster.given)
        let school = "\(county.name)第\(random.int(1..<9))中学"
        let className = "初一(\(random.int(1..<13)))班"
        let guardian = surname + random.pick(SyntheticRoster.fathers)
        let phone = "1" + String(random.pick([3, 5, 7, 8, 9])) + String(random.int(0..<1_000_000_000)).leftPadded(9)
        let prior = random.chance(0.01) ? "有" : "无"
        let consent = random.chance(0.03) ? "否" : "是"
        return [String(n), county.name, name, birth.iso, id, school, className, guardian, phone, prior, consent]
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
