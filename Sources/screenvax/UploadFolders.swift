import Foundation

/// The temporary folders an upload goes through while the server imports it. Each is removed when
/// its request ends; one left by a crash (kill -9, power cut) is removed when `serve` starts again.
enum UploadFolders {
    static let prefixes = ["screenvax-upload-", "screenvax-errors-"]

    /// Removes such folders older than an hour (a younger one may belong to another running server).
    static func sweep(in folder: URL = FileManager.default.temporaryDirectory, now: Date = Date()) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where prefixes.contains(where: { name.hasPrefix($0) }) {
            let url = folder.appendingPathComponent(name)
            guard let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > 3600 else { continue }
            try? fm.removeItem(at: url)
        }
    }
}
