import ScreenVaxCore

/// String quoting shared with the registry's JSONWriter, so envelope strings escape the same way.
enum JSONText {
    static func appendQuoted(_ value: String, to text: inout String) {
        JSONWriter.appendQuoted(value, to: &text)
    }
}
