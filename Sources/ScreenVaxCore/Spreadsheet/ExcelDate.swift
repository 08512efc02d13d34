/// Excel's date serial numbers: days counted from an epoch, the time of day as the fraction.
public enum ExcelDateSystem: String, Sendable, Equatable {
    /// Windows Excel and WPS: serial 1 is 1900-01-01, and 60 is 1900-02-29, a day that never was
    /// (Lotus 1-2-3 thought 1900 a leap year and Excel kept the mistake), so from 61 on a serial is one
    /// day more than the count of days since 1899-12-31.
    case excel1900
    /// Old Mac Excel (`date1904` in workbook.xml): serial 0 is 1904-01-01.
    case excel1904
}

public enum ExcelDate {
    /// The serial's calendar day (its time of day dropped); nil before the epoch, for 1900-02-29 (serial 60
    /// of the 1900 system) and after 9999-12-31.
    public static func calendarDate(serial: Double, system: ExcelDateSystem) -> CalendarDate? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 + 1 else { return nil }
        let day = Int(serial.rounded(.down))
        let epoch: CalendarDate
        let offset: Int
        switch system {
        case .excel1900:
            guard day >= 1, day != 60 else { return nil }
            epoch = CalendarDate(unchecked: 1899, 12, 31)
            offset = day < 60 ? day : day - 1
        case .excel1904:
            epoch = CalendarDate(unchecked: 1904, 1, 1)
            offset = day
        }
        // Checked before the conversion, which saturates at 9999-12-31 rather than trapping.
        let dayNumber = epoch.dayNumber + offset
        guard dayNumber <= CalendarDate(unchecked: 9999, 12, 31).dayNumber else { return nil }
        return CalendarDate(dayNumber: dayNumber)
    }

    /// The serial number of a calendar day (the inverse of `calendarDate`).
    public static func serial(of date: CalendarDate, system: ExcelDateSystem) -> Int {
        switch system {
        case .excel1900:
            let days = date.dayNumber - CalendarDate(unchecked: 1899, 12, 31).dayNumber
            return days < 60 ? days : days + 1
        case .excel1904:
            return date.dayNumber - CalendarDate(unchecked: 1904, 1, 1).dayNumber
        }
    }

    /// Hours, minutes and seconds of the serial's fraction, rounded to the nearest second as Excel shows it.
    static func timeOfDay(serial: Double) -> (hour: Int, minute: Int, second: Int) {
        let fraction = serial - serial.rounded(.down)
        let seconds = min(86_399, Int((fraction * 86_400).rounded()))
        return (seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }
}
