import Assist
import Foundation
import GRDB
import Hub
import ScreenVaxCore
import Store
import Testing

/// The county side now sends what the province supervises: each dial's outcome (`call_outcome`)
/// and each clinic's daily use of the assist services (`assist_usage`, counts only); the hub
/// reports them per county and day. The county is driven through the real command line.
@Suite(.timeLimit(.minutes(3))) struct SupervisionTests {
    @Test func callsAndAssistUseReachTheHubsReports() async throws {
        let hub = try await TestHub.make()
        let running = try await hub.start()
        defer { Task { await running.stop() } }
        let folder = try TempFolder()
        let db = folder.path("county.sqlite")
        let today = ["SCREENVAX_TODAY": "2023-10-10"]
        func cli(_ args: [String]) async throws -> String {
            let run = try await HubProcess.run(args + ["--db", db], folder: folder, environment: today)
            #expect(run.code == 0, "\(args.prefix(2)): \(run.output)")
            return run.output
        }
        let girls = [("王小红", 2, "13800000002"), ("李小梅", 4, "13800000004")].map { name, serial, phone in
            let id = WireRecord.residentID(born: "2011-05-10", serial: serial)
            return "\(serial),东湖区,\(name),2011-05-10,\(id),东湖区第一中学,初一(1)班,家长,\(phone),无,是"
        }
        let roster = folder.path("roster.csv")
        try ("序号,地区,学生姓名,出生日期,身份证号码,在读学校,班级,监护人姓名,监护人电话,既往HPV疫苗接种情况,是否愿意接种\n"
             + girls.joined(separator: "\n") + "\n").write(toFile: roster, atomically: true, encoding: .utf8)
        _ = try await cli(["hpv", "import", roster])
        let plan = try await cli(["calls", "plan", "--as-of", "2023-10-10", "--at", "09:00", "--format", "json"])
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(plan.utf8)) as? [[String: Any]]).compactMap { $0["call_id"] as? String }
        #expect(calls.count == 2)
        _ = try await cli(["calls", "attempt", "--call", calls[0], "--outcome", "no_answer", "--at", "2023-10-10T09:05"])
        _ = try await cli(["calls", "attempt", "--call", calls[1], "--outcome", "reached", "--at", "2023-10-10T09:10"])
        let id = WireRecord.residentID(born: "2011-05-10", serial: 2)
        _ = try await cli(["assist", "--patient", id, "--service", "hpv-reminder", "--format", "json"])
        _ = try await cli(["assist", "--patient", id, "--service", "hpv-reminder", "--format", "json"])
        // Calls from a clinic system: the hook audit's client (the column the accounts room adds).
        let registry = try RegistryDatabase(path: db, schemas: schemasURL)
        try registry.write { db in
            if try !db.columns(in: "assist_hook_calls").contains(where: { $0.name == "client" }) {
                try db.execute(sql: "ALTER TABLE assist_hook_calls ADD COLUMN client TEXT")
            }
            for (client, ai) in [("东湖区卫生院HIS", "ok"), ("东湖区卫生院HIS", "timeout"), ("扬子洲卫生院", "not_asked")] {
                try db.execute(sql: """
                    INSERT INTO assist_hook_calls (at, service, hook, hook_instance, origin, patient_masked, patient_found, card_ids,
                      indicators, latency_ms, ai_called, ai_outcome, client)
                    VALUES ('2023-10-09T10:00:00+08:00', 'ai-assist', 'patient-view', ?, 'http', '360102********0022', 1,
                            '["a","b"]', 'info,info', 12, ?, ?, ?)
                    """, arguments: [UUID().uuidString, ai != "not_asked", ai, client])
            }
        }
        let token = folder.path("token")
        try TestHub.token("360102").write(toFile: token, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let push = ["sync", "push", "--endpoint", running.endpoint, "--token-file", token]
        let pushed = try await cli(push)
        #expect(pushed.contains("0 rejected"), "\(pushed)")

        let p = try HubProgrammes.load(schemas: schemasURL)
        let range = (CalendarDate(year: 2023, month: 1, day: 1)!, CalendarDate(year: 2030, month: 12, day: 31)!)
        let callsReport = try await HubCallsReport.run(hub.database, divisions: p.divisions, from: range.0, to: range.1)
        #expect(callsReport.lines.map { "\($0.countyCode) \($0.day) \($0.attempts) \($0.reached)" } == ["360102 2023-10-10 2 1"])
        #expect(callsReport.lines.first?.outcomes == ["no_answer": 1, "reached": 1])
        // No phone, name or ID went to the hub with a call.
        #expect(try await hub.count("SELECT count(*) FROM hub_call_outcomes WHERE data::text ~ '1380000000|王|\(id.prefix(10))'") == 0)

        let assist = try await HubAssistReport.run(hub.database, divisions: p.divisions, from: range.0, to: range.1)
        let his = try #require(assist.lines.first { $0.clinic == "东湖区卫生院HIS" })
        #expect([his.hookCalls, his.cardsShown, his.aiCalls, his.aiFailures] == [2, 4, 2, 1] && his.day == "2023-10-09")
        #expect(assist.lines.first { $0.clinic == "扬子洲卫生院" }?.aiCalls == 0)
        let local = try #require(assist.lines.first { $0.clinic == "local" })
        #expect(local.hookCalls == 2 && local.countyCode == "360102")

        // Two more calls from the clinic system: the day's record is sent again at its new totals.
        try registry.write { db in
            try db.execute(sql: """
                INSERT INTO assist_hook_calls (at, service, hook, hook_instance, origin, patient_masked, patient_found, card_ids,
                  indicators, latency_ms, ai_called, ai_outcome, client)
                VALUES ('2023-10-09T15:00:00+08:00', 'ai-assist', 'patient-view', 'x1', 'http', '-', 0, '[]', '', 3, 0, 'not_asked', '东湖区卫生院HIS'),
                       ('2023-10-09T15:01:00+08:00', 'ai-assist', 'patient-view', 'x2', 'http', '-', 0, '[]', '', 3, 0, 'not_asked', '东湖区卫生院HIS')
                """)
        }
        _ = try await cli(push)
        let again = try await HubAssistReport.run(hub.database, divisions: p.divisions, from: range.0, to: range.1, area: "360100")
        #expect(again.lines.first { $0.clinic == "东湖区卫生院HIS" }?.hookCalls == 4)
        #expect(try await hub.count("SELECT count(*) FROM hub_assist_usage WHERE clinic = '东湖区卫生院HIS'") == 1)
        #expect(try await HubAssistReport.run(hub.database, divisions: p.divisions, from: range.0, to: range.1, area: "360700").lines.isEmpty)
    }
}
