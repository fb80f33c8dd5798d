//! Snake-case names for vocabulary enums: one definition gives `ALL`, `name()`,
//! `Display` and a `FromStr` that round-trips (ignoring ASCII case).

/// Implements `ALL`, `name`, `Display` and `FromStr` for a fieldless enum from a table
/// of variant names. A new vocabulary type needs its variant in
/// [`Vocabulary`](crate::Vocabulary) too, named as the type.
macro_rules! named_enum {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The snake-case name used in JSON and [`Display`](std::fmt::Display).
            pub fn name(self) -> &'static str {
                match self { $($ty::$variant => $name),* }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = crate::error::NameError;
            fn from_str(s: &str) -> Result<Self, crate::error::NameError> {
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name().eq_ignore_ascii_case(s.trim()))
                    .ok_or_else(|| crate::error::NameError { what: crate::error::Vocabulary::$ty, input: crate::excerpt::excerpt(s) })
            }
        }
    };
}

pub(crate) use named_enum;
