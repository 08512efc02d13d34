import ScreenVaxCore

/// The months the free services ran (附件8: 2023年4—12月). A result outside is recorded, not claimed.
public struct ImplementationPhase: Decodable, Sendable {
    public let from: CalendarDate
    public let to: CalendarDate

    public func contains(_ day: CalendarDate) -> Bool { day >= from && day <= to }
}

/// Where a specimen stands on its way from the birth hospital to a result.
public enum SpecimenStage: String, Sendable, Codable, CaseIterable {
    case collected, dispatched, received, rejected, resulted
}

/// Specimens (heel-prick cards, maternal blood): which services have them, the turnaround limits
/// of each stage, the reasons a lab rejects a card, and how long a recollection stays due.
public struct SpecimenPolicy: Decodable, Sendable {
    public struct SourcedDays: Decodable, Sendable {
        public let days: Int
        public let source: String
    }
    public struct Reason: Decodable, Sendable {
        public let nameZh: String
        public let source: String
        enum CodingKeys: String, CodingKey { case source, nameZh = "name_zh" }
    }

    public let services: [String]
    public let limitsDays: [String: SourcedDays]
    public let rejectionReasons: [String: Reason]
    public let recollectWithinDays: SourcedDays

    enum CodingKeys: String, CodingKey {
        case services
        case limitsDays = "limits_days", rejectionReasons = "rejection_reasons", recollectWithinDays = "recollect_within_days"
    }

    /// Days a specimen may stay at `stage` before it is overdue; nil for a stage with no limit.
    public func limit(_ stage: SpecimenStage) -> Int? { limitsDays[stage.rawValue]?.days }
}

/// How `report screening` anchors its denominators (the national MCH annual report).
public struct ReportPolicy: Decodable, Sendable {
    public struct MonthDay: Decodable, Sendable {
        public let month: Int
        public let day: Int
    }
    public struct Outcomes: Decodable, Sendable {
        public let outcomes: [String]
    }
    /// The annual report's year starts on this day of the year before (1 October).
    public let annualReportStart: MonthDay
    /// Pregnancy outcomes that count as a delivery (产妇数).
    public let prenatalDenominator: Outcomes

    enum CodingKeys: String, CodingKey {
        case annualReportStart = "annual_report_start", prenatalDenominator = "prenatal_denominator"
    }
}
