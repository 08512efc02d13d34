import Foundation
import ScreenVaxCore
import Testing
@testable import FollowUp

@Suite("Call windows (China Standard Time)")
struct CallWindowTests {
    /// The shipped windows 09:00–12:00 and 14:30–20:00, last dial 5 minutes before close.
    @Test("Open or closed at and around every boundary of the shipped windows",
          arguments: [
              ("08:59", false), ("09:00", true), ("11:54", true), ("11:55", false), ("11:59", false), ("12:00", false),
              ("12:01", false), ("14:29", false), ("14:30", true), ("19:54", true), ("19:55", false), ("19:59", false),
              ("20:00", false), ("00:00", false), ("23:59", false),
          ])
    func shipped(time: String, open: Bool) throws {
        let w = CallWindows(try policy())
        #expect(w.isOpen(at: t("2024-04-15T\(time)")) == open)
    }

    /// A county window across noon (11:00–13:30): 12:xx is inside, whatever a 12-hour clock would make of it.
    @Test("A window across noon", arguments: [
        ("10:59", false), ("11:00", true), ("11:59", true), ("12:00", true), ("12:30", true), ("12:59", true),
        ("13:24", true), ("13:25", false), ("13:30", false), ("00:30", false),
    ])
    func acrossNoon(time: String, open: Bool) throws {
        let p = try policy { $0["call_windows"] = [["from": "11:00", "to": "13:30"], ["from": "18:00", "to": "20:00"]] }
        #expect(CallWindows(p).isOpen(at: t("2024-04-15T\(time)")) == open)
        #expect(CallWindows(p).window(at: t("2024-04-15T\(time)")) == (open ? 0 : nil))
    }

    @Test("The next slot: now when open, else the next window start, else the next day's first", arguments: [
        ("2024-04-15T07:00", "2024-04-15T09:00:00+08:00", 0),
        ("2024-04-15T09:00", "2024-04-15T09:00:00+08:00", 0),
        ("2024-04-15T10:17", "2024-04-15T10:17:00+08:00", 0),
        ("2024-04-15T11:55", "2024-04-15T14:30:00+08:00", 1),
        ("2024-04-15T12:00", "2024-04-15T14:30:00+08:00", 1),
        ("2024-04-15T19:54", "2024-04-15T19:54:00+08:00", 1),
        ("2024-04-15T19:59", "2024-04-16T09:00:00+08:00", 0),
        ("2024-04-15T23:59", "2024-04-16T09:00:00+08:00", 0),
        ("2024-12-31T20:00", "2025-01-01T09:00:00+08:00", 0),
    ])
    func nextSlot(from: String, expected: String, window: Int) throws {
        let slot = try #require(CallWindows(try policy()).nextSlot(from: t(from)))
        #expect(slot.time.iso == expected)
        #expect(slot.window == window)
    }

    @Test("With no last-dial margin, 19:59 is still a slot of the day")
    func lastMinute() throws {
        let p = try policy { $0["last_dial_minutes_before_close"] = 0 }
        #expect(CallWindows(p).nextSlot(from: t("2024-04-15T19:59"))?.time.iso == "2024-04-15T19:59:00+08:00")
        #expect(CallWindows(p).isOpen(at: t("2024-04-15T20:00")) == false)
    }

    @Test("No calls on a no-call day: the slot moves to the next working day")
    func holidays() throws {
        let p = try policy { $0["no_call_days"] = ["2024-10-01", "2024-10-02"] }
        let w = CallWindows(p)
        #expect(w.isOpen(at: t("2024-10-01T10:00")) == false)
        #expect(w.nextSlot(from: t("2024-09-30T19:58"))?.time.iso == "2024-10-03T09:00:00+08:00")
    }

    @Test("Avoiding a window picks the other one of the same day when it is still ahead", arguments: [
        ("2024-04-16T00:00", 0, "2024-04-16T14:30:00+08:00"),
        ("2024-04-16T00:00", 1, "2024-04-16T09:00:00+08:00"),
        ("2024-04-16T15:00", 1, "2024-04-16T15:00:00+08:00"),
    ])
    func avoid(from: String, avoid: Int, expected: String) throws {
        #expect(CallWindows(try policy()).nextSlot(from: t(from), avoid: avoid)?.time.iso == expected)
    }

    @Test("Bad policy files are refused with the field named", arguments: [
        ("call_windows", #"[{"from": "12:00", "to": "09:00"}]"#),
        ("call_windows", #"[{"from": "9:00", "to": "12:00"}]"#),
        ("call_windows", #"[{"from": "09:00", "to": "12:00"}, {"from": "11:00", "to": "13:00"}]"#),
        ("priorities", #"["recall", "due"]"#),
        ("outcomes", #"{"reached": {"action": "close"}}"#),
    ])
    func badPolicy(field: String, value: String) throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(value.utf8))
        let error = #expect(throws: CoreError.self) {
            _ = try policy { $0[field] = parsed }
        }
        #expect(error?.message.contains(field) == true)
    }

    @Test("Times parse only in China Standard Time, 24-hour", arguments: [
        ("2024-04-15T09:30", "2024-04-15T09:30:00+08:00"), ("2024-04-15T12:05:07+08:00", "2024-04-15T12:05:00+08:00"),
        ("2024-04-15 00:00", "2024-04-15T00:00:00+08:00"),
    ])
    func parse(text: String, iso: String) {
        #expect(CallTime(text)?.iso == iso)
    }

    @Test("Times that are not accepted", arguments: ["2024-04-15T24:00", "2024-04-15T9:30", "2024-04-15T09:30Z", "2024-04-15T09:30+09:00", "2024-04-15"])
    func badTimes(text: String) {
        #expect(CallTime(text) == nil)
    }
}
