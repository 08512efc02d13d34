/// A public memberwise initializer, the one Swift writes for a struct but only internally: a
/// parameter per stored property, in declaration order, labelled with its name. A `var` with an
/// initial value defaults to it and an optional property to nil (a `let` too, unlike Swift's: what
/// is not known is left out at the call); a `let` with a value is not a parameter. Types that other modules build (a room's inputs, policies, outputs) use it instead of
/// spelling every `self.x = x` by hand.
@attached(member, names: named(init))
public macro PublicInit() = #externalMacro(module: "ScreenVaxMacroPlugin", type: "PublicInitMacro")
