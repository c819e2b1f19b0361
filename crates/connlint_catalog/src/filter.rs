//! Filters, as in Apideck's `filter[field]=value`: every condition must hold (AND).

use crate::record::ConnectorRecord;

/// The fields a filter can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    /// `auth_type`, matched exactly.
    AuthType,
    /// `status`, matched exactly.
    Status,
    /// `power_platform.profile`, matched exactly.
    Profile,
    /// `power_platform.publisher`, matched exactly.
    Publisher,
    /// `name`, matched as a substring without regard to case.
    Name,
}

impl FilterField {
    pub const NAMES: [&'static str; 5] = ["auth_type", "status", "profile", "publisher", "name"];

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "auth_type" => FilterField::AuthType,
            "status" => FilterField::Status,
            "profile" => FilterField::Profile,
            "publisher" => FilterField::Publisher,
            "name" => FilterField::Name,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            FilterField::AuthType => "auth_type",
            FilterField::Status => "status",
            FilterField::Profile => "profile",
            FilterField::Publisher => "publisher",
            FilterField::Name => "name",
        }
    }
}

/// A filter that is not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    UnknownField(String),
    /// `--filter` without `=`.
    NotAPair(String),
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FilterError::UnknownField(field) => {
                write!(f, "cannot filter on `{field}`; the filter fields are {}", FilterField::NAMES.join(", "))
            }
            FilterError::NotAPair(text) => write!(f, "`{text}` is not FIELD=VALUE"),
        }
    }
}

impl std::error::Error for FilterError {}

/// Conditions that a record must all meet; no condition matches every record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    conditions: Vec<(FilterField, String)>,
}

impl Filter {
    /// Adds the condition `field` = `value`.
    pub fn add(&mut self, field: &str, value: &str) -> Result<(), FilterError> {
        let field = FilterField::parse(field).ok_or_else(|| FilterError::UnknownField(field.to_string()))?;
        let value = if field == FilterField::Name { value.to_lowercase() } else { value.to_string() };
        self.conditions.push((field, value));
        Ok(())
    }

    /// Adds a `FIELD=VALUE` condition, as given to `--filter`.
    pub fn add_pair(&mut self, pair: &str) -> Result<(), FilterError> {
        let (field, value) = pair.split_once('=').ok_or_else(|| FilterError::NotAPair(pair.to_string()))?;
        self.add(field.trim(), value)
    }

    pub fn conditions(&self) -> impl Iterator<Item = (FilterField, &str)> {
        self.conditions.iter().map(|(f, v)| (*f, v.as_str()))
    }

    pub fn matches(&self, record: &ConnectorRecord) -> bool {
        self.conditions.iter().all(|(field, value)| match field {
            FilterField::AuthType => record.auth_type == value,
            FilterField::Status => record.status == value,
            FilterField::Profile => record.power_platform.profile == value,
            FilterField::Publisher => record.power_platform.publisher.as_deref() == Some(value.as_str()),
            FilterField::Name => record.name.to_lowercase().contains(value.as_str()),
        })
    }

    /// The records that match, in order.
    pub fn apply<'r>(&self, records: &'r [ConnectorRecord]) -> Vec<&'r ConnectorRecord> {
        records.iter().filter(|r| self.matches(r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_and_bad_pairs_are_errors() {
        let mut filter = Filter::default();
        assert_eq!(filter.add_pair("colour=red"), Err(FilterError::UnknownField("colour".into())));
        assert_eq!(filter.add_pair("name"), Err(FilterError::NotAPair("name".into())));
        assert_eq!(filter.add_pair("name=Mail"), Ok(()));
        assert_eq!(filter.conditions().collect::<Vec<_>>(), vec![(FilterField::Name, "mail")]);
        assert_eq!(
            FilterError::UnknownField("colour".into()).to_string(),
            "cannot filter on `colour`; the filter fields are auth_type, status, profile, publisher, name"
        );
    }
}
