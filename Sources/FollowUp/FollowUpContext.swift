import HPV
import ScreenVaxCore
import Screening
import Store

/// What every call-queue operation needs: the call policy, the programmes whose work lists feed
/// the queue (and take outcomes back), today's date and the audit identity.
public struct FollowUpContext: Sendable {
    public let policy: CallPolicy
    public let hpv: HPVProgramme
    public let screening: ScreeningContext
    public let audit: AuditLog

    public init(policy: CallPolicy, hpv: HPVProgramme, screening: ScreeningContext, audit: AuditLog) {
        self.policy = policy
        self.hpv = hpv
        self.screening = screening
        self.audit = audit
    }

    public var today: CalendarDate { screening.today }
}
