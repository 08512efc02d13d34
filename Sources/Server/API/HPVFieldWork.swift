import Accounts
import Foundation
import HPV
import ScreenVaxCore

/// The HPV field work the API and the pages share beyond doses and rosters: a girl no roster lists,
/// the county's own campaign dates, an adverse event's course, a school's status file. Each is the
/// HPV room's use case in the caller's name and area.
extension ClinicServices {
    public func registerGirl(_ caller: Caller, _ input: RegistrationInput) throws -> RegistrationOutput {
        try caller.require(.registerGirl)
        return try GirlRegistering.register(database, context: hpvContext(caller.user), input: input)
    }

    /// The first-dose dates in force for each county of the caller's area.
    public func countyDates(_ caller: Caller) throws -> [CountyDatesLine] {
        try caller.require(.readHPV)
        return try CountyDatesSetting.lines(database, context: hpvContext(caller.user))
    }

    public func setCountyDates(_ caller: Caller, county: String, campaignStart: String, firstDoseDeadline: String) throws -> CountyDatesOutput {
        try caller.require(.setCountyDates)
        return try CountyDatesSetting.set(database, context: hpvContext(caller.user), county: county, campaignStart: campaignStart,
                                          firstDoseDeadline: firstDoseDeadline)
    }

    public func aefiCourse(_ caller: Caller, event: String) throws -> AEFICourse {
        try caller.require(.readHPV)
        // Not found, or outside her area: one answer, as for a girl.
        do { return try AEFIUpdating.course(database, context: hpvContext(caller.user), event: event) } catch let e as HPVError where e.code == "aefi_not_found" {
            throw HTTPFailure.notFound
        }
    }

    /// The event as AEFI列表 lists it (who, which dose, what was reported), for a course already
    /// found in the caller's area.
    public func aefiLine(_ course: AEFICourse) throws -> AEFIRecord? {
        let programme = self.programme.id
        return try database.read { db in try AEFIRecords.list(db, seriousOnly: false, lot: nil, programme: programme, uuid: course.uuid) }.first
    }

    public func updateAEFI(_ caller: Caller, _ update: AEFIUpdate) throws -> AEFICourse {
        try caller.require(.followAEFI)
        return try AEFIUpdating.update(database, context: hpvContext(caller.user), update)
    }

    /// One school's girls of the caller's area in the 附3 layout with doses and status, IDs and
    /// phones masked: the file the clinic sends back to the school.
    public func rosterStatus(_ caller: Caller, school: String, county: String?, xlsx: Bool) throws -> (data: Data, fileName: String) {
        try caller.require(.readHPV)
        let file = try RosterStatusExport.download(database, context: hpvContext(caller.user), school: school, county: county, xlsx: xlsx)
        // The school's own name in the file's name, without what a file name cannot hold.
        let stem = String(school.trimmingSpaces().filter { !"/\\:*?\"<>|".contains($0) && !$0.isNewline }.prefix(60))
        return (file.data, "接种情况-\(stem.isEmpty ? "学校" : stem)-\(today.iso)." + (xlsx ? "xlsx" : "csv"))
    }
}
