import Foundation
import ScreenVaxCore
import ScreenVaxTestSupport
import Store
@testable import HPV

/// The Schemas folder every file of this target reads (from the shared test support).
let schemasURL = ScreenVaxTestSupport.schemasURL

/// The repository's Schemas folder, found from this file's path.

func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

/// The shipped programme, optionally with fields changed, as a programme officer would edit the file.
func programme(_ edit: ((inout [String: Any]) -> Void)? = nil) throws -> HPVProgramme {
    guard let edit else { return try HPVProgramme.load(schemas: schemasURL) }
    let data = try Data(contentsOf: schemasURL.appendingPathComponent("programs/hpv-2023.json"))
    var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    edit(&json)
    let edited = try JSONSerialization.data(withJSONObject: json)
    return try ProgrammeLoader.decode(HPVProgramme.self, data: edited, file: "edited.json")
}

/// A valid resident ID for a girl (even sequence) or a boy, born on `birth`.
func residentID(_ birth: String, region: String = "360102", sequence: Int = 2) -> String {
    TestIDs.residentID(born: birth, region: region, sequence: sequence)
}

/// A fresh registry database in its own temporary folder.
func freshDatabase() throws -> (RegistryDatabase, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("screenvax-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let db = try RegistryDatabase(path: dir.appendingPathComponent("registry.sqlite").path, schemas: schemasURL)
    return (db, dir)
}

func facts(_ birth: String, sex: ResidentID.Sex = .female, prior: Bool = false, consent: Consent = .given) -> EnrollmentFacts {
    EnrollmentFacts(birthDate: date(birth), sex: sex, priorVaccination: prior, consent: consent)
}

func dose(_ d: String, product: String = "cecolin", expiry: String = "2030-12-31", historical: Bool = false) -> DoseFact {
    DoseFact(date: date(d), product: product, expiry: date(expiry), historical: historical)
}
