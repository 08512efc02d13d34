/// `--consent-given --consent-by NAME` of `hpv register` and `hpv dose`: consent recorded at the clinic names the
/// guardian who signed, so each flag needs the other. Returns her name, or nil when consent was not given there.
func clinicConsentSigner(given: Bool, by name: String?) throws -> String? {
    guard given == (name != nil) else {
        throw CLIError.invalidOption(option: "--consent-given", problem: "needs --consent-by NAME (the guardian who signed at the clinic), and --consent-by needs --consent-given",
                                     code: "consent_by_required")
    }
    return name
}
