import GRDB
import ScreenVaxCore
import Store

/// The counts of one service in one area (or the province).
public struct ServiceFigures: Sendable, Encodable {
    public let service: String
    public var screened = 0
    public var denominator = 0
    public var targetRate: Double
    public var planned = 0
    public var positives = 0
    public var recalled = 0
    public var diagnosed = 0
    public var confirmed = 0
    public var subsidy: Double = 0
    /// What `denominator` counts: `deliveries` (产妇数) or `live_births` (活产数).
    public var denominatorBasis: String = ""
    /// Prenatal lines: pregnancies registered in the period, shown beside the national denominator.
    public var registered: Int?
    /// Subjects whose first effective screen was positive or, for hearing, a refer (初筛阳性).
    public var initialPositives = 0
    /// Subjects of the cohort who declined the service and were not screened.
    public var declined = 0

    public init(service: String, targetRate: Double) {
        self.service = service
        self.targetRate = targetRate
    }

    public var rate: Double? { denominator == 0 ? nil : Double(screened) / Double(denominator) }

    // The rate is computed and written rounded; `registered` is null outside prenatal lines.
    enum CodingKeys: CodingKey {
        case service, screened, denominator, rate, targetRate, planned, positives, recalled, diagnosed, confirmed, subsidy
        case denominatorBasis, registered, initialPositives, declined
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(service, forKey: .service); try c.encode(screened, forKey: .screened)
        try c.encode(denominator, forKey: .denominator); try c.encode(denominatorBasis, forKey: .denominatorBasis)
        try c.encode(registered, forKey: .registered); try c.encode(declined, forKey: .declined)
        try c.encode(initialPositives, forKey: .initialPositives)
        try c.encode(rate.map { ($0 * 10000).rounded() / 10000 }, forKey: .rate)
        try c.encode(targetRate, forKey: .targetRate); try c.encode(planned, forKey: .planned)
        try c.encode(positives, forKey: .positives); try c.encode(recalled, forKey: .recalled)
        try c.encode(diagnosed, forKey: .diagnosed); try c.encode(confirmed, forKey: .confirmed)
        try c.encode(subsidy, forKey: .subsidy)
    }
}

public struct AreaFigures: Sendable, Encodable {
    public let code: String
    public let name: String
    public var services: [ServiceFigures]
    public var subsidyTotal: Double = 0
    public var subsidyProvince: Double = 0
    public var subsidyLocal: Double = 0

    public init(code: String, name: String, services: [ServiceFigures]) {
        self.code = code
        self.name = name
        self.services = services
    }
}

/// `report screening`: rates against targets, recall outcomes and the subsidy bill with its split.
public struct ScreeningReport: Sendable, Encodable {
    public let from: String
    public let to: String
    /// `programme`, `annual-report YEAR`, or `dates` (`--from/--to`).
    public var period: String = "dates"
    public var services: [ServiceFigures]
    public var cities: [AreaFigures]
    public var counties: [AreaFigures]
    public var subsidyTotal: Double
    public var subsidyProvince: Double
    public var subsidyLocal: Double
}

