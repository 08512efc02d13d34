import ScreenVaxMacroPlugin
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

@Suite struct PublicInitMacroTests {
    private let macros = ["PublicInit": MacroSpec(type: PublicInitMacro.self)]

    private func expand(_ source: String, _ expanded: String, diagnostics: [DiagnosticSpec] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) {
        assertMacroExpansion(source, expandedSource: expanded, diagnostics: diagnostics, macroSpecs: macros) { failure in
            Issue.record(Comment(rawValue: failure.message), sourceLocation: sourceLocation)
        }
    }

    @Test func storedPropertiesInOrderWithTheirDefaults() {
        expand(
            """
            @PublicInit
            public struct Dose {
                public let date: String
                public var site: String?
                public var historical: Bool = false
                public let kind = "hpv"
                public static let all: [Dose] = []
                public var label: String { date }
                public var count: Int { get { 0 } set {} }
                public var note: String { didSet {} }
            }
            """,
            """
            public struct Dose {
                public let date: String
                public var site: String?
                public var historical: Bool = false
                public let kind = "hpv"
                public static let all: [Dose] = []
                public var label: String { date }
                public var count: Int { get { 0 } set {} }
                public var note: String { didSet {} }

                public init(date: String, site: String? = nil, historical: Bool = false, note: String) {
                    self.date = date
                    self.site = site
                    self.historical = historical
                    self.note = note
                }
            }
            """)
    }

    @Test func aStoredClosureEscapesAndAnOptionalLetDefaultsToNil() {
        expand(
            """
            @PublicInit
            final class Hook {
                let run: @Sendable (Int) -> Void
                let done: (() -> Void)?
            }
            """,
            """
            final class Hook {
                let run: @Sendable (Int) -> Void
                let done: (() -> Void)?

                public init(run: @escaping @Sendable (Int) -> Void, done: (() -> Void)? = nil) {
                    self.run = run
                    self.done = done
                }
            }
            """)
    }

    @Test func aPropertyWithoutATypeIsAnError() {
        expand(
            """
            @PublicInit
            struct Guess {
                var count = 0
                let name: String
            }
            """,
            """
            struct Guess {
                var count = 0
                let name: String
            }
            """,
            diagnostics: [DiagnosticSpec(message: "@PublicInit needs the type of count written out (name: Type)", line: 3, column: 9)])
    }
}
