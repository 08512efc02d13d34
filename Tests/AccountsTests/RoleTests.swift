import Testing
@testable import Accounts

/// Every role against every action: the whole matrix, so a new permission shows up here.
struct RoleTests {
    static let grants: [Role: Set<Action>] = [
        .vaccinator: [.readHPV, .uploadRoster, .registerGirl, .recordConsent, .recordDose, .recordAEFI],
        .screening: [.readScreening, .registerScreening, .recordResult],
        .followup: [.readHPV, .readScreening, .readRecall, .recordRecallStep, .workCalls],
        .officer: [.readHPV, .readScreening, .readRecall, .readReports, .readSync, .setCountyDates, .followAEFI],
        .admin: [.manageUsers, .readSync],
    ]

    @Test(arguments: Role.allCases, Action.allCases)
    func roleMayDoOnlyItsWork(role: Role, action: Action) {
        #expect(role.may(action) == RoleTests.grants[role]!.contains(action))
    }

    /// The officer keeps the county's dates and follows adverse events; she records no clinic work.
    @Test func onlyAdminManagesUsersAndOfficerRecordsNoClinicWork() {
        #expect(Role.allCases.filter { $0.may(.manageUsers) } == [.admin])
        let writes: [Action] = [.uploadRoster, .registerGirl, .recordConsent, .recordDose, .recordAEFI, .registerScreening, .recordResult,
                                .recordRecallStep, .workCalls]
        #expect(writes.allSatisfy { !Role.officer.may($0) })
        #expect(Role.allCases.filter { $0.may(.setCountyDates) } == [.officer] && Role.allCases.filter { $0.may(.followAEFI) } == [.officer])
    }
}
