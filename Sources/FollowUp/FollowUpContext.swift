import HPV
import ScreenVaxCore
import ScreenVaxMacros
import Screening
import Store

/// What every call-queue operation needs: the call policy, the programmes whose work lists feed
/// the queue (and take outcomes back), today's date and the audit identity.
@PublicInit
public struct FollowUpContext: Sendable {
    public let policy: CallPolicy
    public let hpv: HPVProgramme
    public let screening: ScreeningContext
    public let audit: AuditLog

    public var today: CalendarDate { screening.today }
}
