import CScreenVaxXML
import Foundation

/// Bytes libxml2 hands to a callback (an element's local name, an attribute value, text), valid only
/// during that callback; compared without making a `String` so that a sheet's millions of cells cost
/// no allocation per name.
struct XMLBytes {
    let base: UnsafePointer<UInt8>?
    let count: Int

    init(base: UnsafePointer<UInt8>?, count: Int) {
        self.base = base
        self.count = base == nil ? 0 : count
    }

    /// A NUL-terminated name.
    init(name: UnsafePointer<UInt8>?) {
        self.init(base: name, count: name.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0)
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    var string: String { String(decoding: buffer, as: UTF8.self) }

    static func == (lhs: XMLBytes, rhs: StaticString) -> Bool {
        guard lhs.count == rhs.utf8CodeUnitCount, let base = lhs.base else { return rhs.utf8CodeUnitCount == 0 && lhs.count == 0 }
        return memcmp(base, rhs.utf8Start, lhs.count) == 0
    }

    /// The value as a non-negative decimal integer, nil when it is not one or exceeds `limit`.
    func integer(upTo limit: Int) -> Int? {
        guard count > 0, count <= 12 else { return nil }
        var value = 0
        for b in buffer {
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value <= limit ? value : nil
    }
}

/// The attributes of one start tag, found by local name (namespace prefixes are ignored: SpreadsheetML
/// is written with and without them, and transitional and strict namespaces name the same things).
struct XMLAttributes {
    let list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    subscript(_ name: StaticString) -> XMLBytes? {
        guard let list else { return nil }
        for i in 0..<count {
            // libxml2 gives five pointers per attribute: local name, prefix, URI, value start, value end.
            let local = XMLBytes(name: list[i * 5])
            if local == name, let start = list[i * 5 + 3], let end = list[i * 5 + 4] {
                return XMLBytes(base: start, count: end - start)
            }
        }
        return nil
    }
}

/// What a part's reader does with the document's events; a thrown error stops the parse.
protocol XMLEvents: AnyObject {
    func start(_ name: XMLBytes, _ attributes: XMLAttributes) throws
    func end(_ name: XMLBytes) throws
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// Why the XML of a part could not be read.
struct XMLProblem: Error {
    let message: String
    let line: Int
}

private let parserLibraryReady: Void = { xmlInitParser() }()

/// libxml2's push parser: the document arrives in chunks (as ZIPFoundation inflates it) and is never held
/// whole. No DTD is loaded, no entity of the document is expanded (a DOCTYPE stops the parse: no part of
/// an xlsx file has one), nothing is fetched from the network; libxml2's own limits (depth 256, 10 MB per
/// text node) stay on.
final class XMLPushParser {
    private var context: xmlParserCtxtPtr?
    private let events: any XMLEvents
    private var failure: (any Error)?
    private var problem: String?

    init(events: any XMLEvents) {
        _ = parserLibraryReady
        self.events = events
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, local, _, _, _, _, attributeCount, _, attributes in
            XMLPushParser.from(ctx)?.deliver { try $0.start(XMLBytes(name: local), XMLAttributes(list: attributes, count: Int(attributeCount))) }
        }
        sax.endElementNs = { ctx, local, _, _ in
            XMLPushParser.from(ctx)?.deliver { try $0.end(XMLBytes(name: local)) }
        }
        let characters: charactersSAXFunc = { ctx, bytes, length in
            XMLPushParser.from(ctx)?.deliver { try $0.text(UnsafeBufferPointer(start: bytes, count: Int(max(0, length)))) }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.internalSubset = { ctx, _, _, _ in
            guard let parser = XMLPushParser.from(ctx) else { return }
            parser.fail(XMLProblem(message: "a DOCTYPE declaration (not allowed in an xlsx part)", line: parser.line))
        }
        sax.serror = { ctx, error in
            guard let parser = XMLPushParser.from(ctx), let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue,
                  parser.problem == nil else { return }
            let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            parser.problem = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        context = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(self).toOpaque(), nil, 0, nil)
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
    }

    deinit { xmlFreeParserCtxt(context) }

    private static func from(_ ctx: UnsafeMutableRawPointer?) -> XMLPushParser? {
        guard let ctx else { return nil }
        return Unmanaged<XMLPushParser>.fromOpaque(ctx).takeUnretainedValue()
    }

    private func deliver(_ call: (any XMLEvents) throws -> Void) {
        guard failure == nil else { return }
        do { try call(events) } catch { fail(error) }
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        xmlStopParser(context)
    }

    /// The line libxml2 has reached, for error messages.
    var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    /// Parses the next chunk of the document.
    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        try parse(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), count: bytes.count, terminate: false)
    }

    /// Ends the document: an unclosed element or a missing root is an error here.
    func finish() throws {
        try parse(nil, count: 0, terminate: true)
    }

    private func parse(_ bytes: UnsafePointer<CChar>?, count: Int, terminate: Bool) throws {
        if let failure { throw failure }
        guard let context else { throw XMLProblem(message: "the XML parser could not start", line: 0) }
        let code = xmlParseChunk(context, bytes, Int32(clamping: count), terminate ? 1 : 0)
        if let failure { throw failure }
        if code != 0 || context.pointee.wellFormed == 0 {
            throw XMLProblem(message: problem ?? "malformed XML (libxml2 error \(code))", line: line)
        }
    }
}
