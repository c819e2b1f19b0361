//! The 174 Microsoft Swagger Validator rule identifiers (rules-catalog section A, from Microsoft
//! Learn "Fix Swagger Validator errors"), and why a name is not checked when no connlint rule
//! covers it. `rules/README.md` maps every name to its rules; tests keep both lists honest.

/// Every identifier, with the catalog section it is listed under (A.1 to A.13).
pub const MICROSOFT_NAMES: &[(&str, &str)] = &[
    ("A.1", "SpecificationVersionIncorrect"),
    ("A.1", "HostNameNotValid"),
    ("A.1", "BasePathNotValid"),
    ("A.1", "SchemeNotValid"),
    ("A.1", "SchemeNotSupported"),
    ("A.1", "SchemesArrayEmpty"),
    ("A.1", "ContactEmailNotValid"),
    ("A.1", "UrlNotValid"),
    ("A.1", "TagRedefined"),
    ("A.1", "ProductionStatusOnBetaService"),
    ("A.1", "ConnectorMetadataPropertiesMissing"),
    ("A.1", "InvalidConnectorCategory"),
    ("A.1", "TooManyConnectorCategories"),
    ("A.2", "AdditionalPropertyNotAllowed"),
    ("A.2", "ExtensionNameNotValid"),
    ("A.2", "JsonTypeIncorrect"),
    ("A.2", "JsonValueNotInEnum"),
    ("A.2", "OneOfPropertiesRequired"),
    ("A.2", "RequiredPropertyMissing"),
    ("A.2", "RequiredValueEmpty"),
    ("A.2", "ArrayDuplicateValue"),
    ("A.2", "ArrayHasNoItems"),
    ("A.3", "FieldLengthExceeded"),
    ("A.3", "FieldLengthNotInRange"),
    ("A.3", "ValueContainsRestrictedWords"),
    ("A.3", "ValueMustBeInEnglish"),
    ("A.3", "ValueMustEndWithAlphanumeric"),
    ("A.3", "RestrictedCharactersInSummary"),
    ("A.3", "OperationSummaryTooLong"),
    ("A.4", "OperationIdRequired"),
    ("A.4", "OperationIdNotUnique"),
    ("A.4", "OperationIdSanitized"),
    ("A.4", "OperationIdTooLong"),
    ("A.4", "OperationIdNotFound"),
    ("A.4", "OperationMustHaveResponse"),
    ("A.4", "OperationShouldHaveSuccessfulResponse"),
    ("A.4", "ConsumesMissing"),
    ("A.4", "MimeTypeNotValid"),
    ("A.4", "MimeTypeNotSupported"),
    ("A.4", "MimeTypeNotCompatibleWithRequestContentSchemaType"),
    ("A.4", "StringBinaryNotSupportedForFormUrlEncoded"),
    ("A.4", "BodyOrFormDataParameterInFetchOperationNotAllowed"),
    ("A.4", "TotalOperationsCountExceedsMaxAllowed"),
    ("A.4", "OperationSchemaCountExceedsMaxAllowed"),
    ("A.5", "OperationPathMustStartWithSlash"),
    ("A.5", "OperationPathMayNotContainQueryOrFragment"),
    ("A.5", "OperationPathContainsUnsupportedCharacters"),
    ("A.5", "OperationPathTemplateNotValid"),
    ("A.5", "OperationPathVariablesContainDefaults"),
    ("A.5", "DuplicateOperationPath"),
    ("A.5", "PartialDuplicateOperationPath"),
    ("A.5", "PathRedefined"),
    ("A.5", "PathItemRefNotSuppored"),
    ("A.5", "PathParametersContainDuplicateParameter"),
    ("A.5", "PathParametersContainMultipleBodyParameters"),
    ("A.6", "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations"),
    ("A.6", "ApiAnnotationExtensionReplacementInfoMissingApiProperty"),
    ("A.6", "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty"),
    ("A.6", "OperationFamilyHasDuplicateRevisions"),
    ("A.6", "OperationFamilyHasManyActiveOperations"),
    ("A.6", "OperationFamilyHasManyActiveProductionOperations"),
    ("A.6", "OperationFamilyHasManyEmptyRevisions"),
    ("A.6", "OperationRevisionEmpty"),
    ("A.6", "OperationIdShouldEndWithRevision"),
    ("A.6", "OperationStatusAheadOfConnector"),
    ("A.7", "OperationMissingPathParameter"),
    ("A.7", "PathParameterMustBeRequired"),
    ("A.7", "PathParameterNotDefinedInTemplate"),
    ("A.7", "OperationParametersAreNotUnique"),
    ("A.7", "OperationParametersContainDuplicateParameter"),
    ("A.7", "OperationParametersContainMultipleBodyParameters"),
    ("A.7", "ParameterListContainsFormDataAndBody"),
    ("A.7", "FileParameterMustBeInFormData"),
    ("A.7", "InvalidFormDataParameterName"),
    ("A.7", "ConnectionIdParameterNotAllowed"),
    ("A.7", "ReservedParameterIsUsed"),
    ("A.7", "ParameterReferenceNotFound"),
    ("A.7", "ParameterReferenceNotValid"),
    ("A.7", "ParameterRefLoopNotAllowed"),
    ("A.7", "ParamtersWithSameNameMustHaveSameTypeAndVisibility"),
    ("A.7", "PathParameterMissingEncoding"),
    ("A.7", "QueryParameterEncodingNotSupported"),
    ("A.7", "BodyParameterSchemaRequired"),
    ("A.7", "BodyParameterPropertyNotValid"),
    ("A.7", "NonBodyParameterSchemaNotValid"),
    ("A.7", "AllowEmptyValueOnlyValidForQueryFormData"),
    ("A.7", "CollectionFormatValueNotSupported"),
    ("A.7", "DefaultValueMustMatchType"),
    ("A.7", "InternalPropertyWithDefaultOptional"),
    ("A.7", "PropertyMustBeRequired"),
    ("A.8", "DynamicExtensionDefinitionNotAllowedInParameter"),
    ("A.8", "DynamicListExtensionRequiredForAmbiguousReferences"),
    ("A.8", "DynamicListExtensionRequiredForNonParameterReferences"),
    ("A.8", "DynamicPropertiesExtensionRequiredForAmbiguousReferences"),
    ("A.8", "DynamicPropertiesExtensionRequiredForNonParameterReferences"),
    ("A.8", "DynamicPropertiesExtensionRequiredForPropertiesValuePath"),
    ("A.8", "DynamicPropertiesItemValuePathMismatch"),
    ("A.8", "DynamicTreeExtensionMissing"),
    ("A.8", "SelectedItemValuePathNotAllowedInThisPosition"),
    ("A.8", "InvokedOperationShouldProduceArray"),
    ("A.8", "InvokedOperationShouldProduceProperty"),
    ("A.8", "OperationMissingRequiredProperty"),
    ("A.8", "OperationParameterNameIsAmbiguous"),
    ("A.8", "OperationParameterNameNotFound"),
    ("A.8", "OperationParameterRequiredMismatch"),
    ("A.8", "OperationParameterStaticTypeMismatch"),
    ("A.8", "OperationParameterTypeMismatch"),
    ("A.8", "SourcePropertyInternal"),
    ("A.9", "NotificationExtensionNotSupportedInWebhookOperation"),
    ("A.9", "NotificationExtensionSupportedForTriggerOnly"),
    ("A.9", "NotificationOperationMustBeWebhook"),
    ("A.9", "OperationMustHaveNotificationContentExtension"),
    ("A.9", "WebhookOperationsMissingNotificationUrlProperty"),
    ("A.9", "NotificationUrlNotAllowedInThisPosition"),
    ("A.9", "NotificationUrlNotInternal"),
    ("A.9", "NotificationUrlNotRequired"),
    ("A.9", "NotificationUrlNotString"),
    ("A.9", "SchemaDefinitionSetIncorrectly"),
    ("A.9", "InvalidNextLinkNameValue"),
    ("A.10", "ResponseMustBeDefaultOrHttpStatusCode"),
    ("A.10", "DefaultResponseHasSchema"),
    ("A.10", "OperationHasManyResponsesWithSchema"),
    ("A.10", "ResponseHeadersAreNotUnique"),
    ("A.10", "ResponseExampleMustBeProducedByOperation"),
    ("A.10", "ResponseReferenceNotFound"),
    ("A.10", "ResponseReferenceNotValid"),
    ("A.10", "ResponseRefLoopNotAllowed"),
    ("A.11", "SchemaReferenceNotFound"),
    ("A.11", "SchemaReferenceNotValid"),
    ("A.11", "SchemaRefLoopNotAllowed"),
    ("A.11", "JsonPointerNotValid"),
    ("A.11", "AdditionalPropertyNotAllowedAdjacentToRef"),
    ("A.11", "SchemaTooDeep"),
    ("A.11", "BodySchemaCountExceedsMaxAllowed"),
    ("A.11", "TotalSchemaCountExceedsMaxAllowed"),
    ("A.11", "SchemaTypeFileNotValid"),
    ("A.11", "InvalidStringBinaryProperty"),
    ("A.11", "RequiredLoopInSchemaNotAllowed"),
    ("A.11", "RequiredPropertyDefinitionMissing"),
    ("A.11", "RequiredPropertyNotOnObject"),
    ("A.11", "RequiredPropertyArrayEmpty"),
    ("A.11", "RequiredReadOnlyPropertyNotAllowedAsInput"),
    ("A.11", "DiscriminatorMustBeARequiredStringProperty"),
    ("A.11", "UnrecognizedTypeFormat"),
    ("A.11", "SwaggerKeywordNotSupported"),
    ("A.11", "EnumMustContainAtLeastOneElement"),
    ("A.11", "InvalidEnumValue"),
    ("A.11", "DuplicateEnumValuesInExtension"),
    ("A.11", "InvalidEnumValuesExtensionValue"),
    ("A.11", "MissingEnumValuesDisplayName"),
    ("A.11", "InvalidCustomEditorExtensionDictionaryValue"),
    ("A.11", "FilterFunctionsPropertyEmpty"),
    ("A.11", "FilterFunctionsPropertyHasDuplicates"),
    ("A.11", "FilterFunctionsPropertyInInputSchema"),
    ("A.11", "FilterFunctionsPropertyInvalidValue"),
    ("A.12", "ExclusiveMaximumRequiresMaximum"),
    ("A.12", "ExclusiveMinimumRequiresMinimum"),
    ("A.12", "MaxItemsMustBeGreaterThanOrEqualToZero"),
    ("A.12", "MaxLengthMustBeGreaterThanOrEqualToZero"),
    ("A.12", "MaxPropertiesMustBeGreaterThanOrEqualToZero"),
    ("A.12", "MinItemsMustBeGreaterThanOrEqualToZero"),
    ("A.12", "MinLengthMustBeGreaterThanOrEqualToZero"),
    ("A.12", "MinPropertiesMustBeGreaterThanOrEqualToZero"),
    ("A.12", "MinimumShouldBeLessThanOrEqualToMaximum"),
    ("A.12", "MinItemsShouldBeLessThanOrEqualToMaxItems"),
    ("A.12", "MinLengthShouldBeLessThanOrEqualToMaxLength"),
    ("A.12", "MultipleOfMustBeGreaterThanZero"),
    ("A.12", "PatternShouldBeValidRegularExpression"),
    ("A.13", "SecurityRequirementMustBeDefined"),
    ("A.13", "SecurityRequirementMustHaveValue"),
    ("A.13", "SecurityRequirementMustHaveEmptyValue"),
    ("A.13", "OAuthSecurityRequirementValueMustBeScopeName"),
    ("A.13", "SecuritySchemePropertyNotValid"),
    ("A.13", "SecuritySchemePropertyRequired"),
];

/// Identifiers that cannot be checked offline, each with the reason.
pub const NOT_CHECKABLE: &[(&str, &str)] =
    &[("ProductionStatusOnBetaService", "needs to know whether the backend service is in beta, which only Microsoft knows")];

/// The rules that check `name`, by id.
pub fn rules_for(name: &str) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> =
        crate::registry::RULES.iter().map(|r| r.meta()).filter(|m| m.ms_names.contains(&name)).map(|m| m.id).collect();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RULES;

    #[test]
    fn there_are_174_distinct_names() {
        let mut names: Vec<_> = MICROSOFT_NAMES.iter().map(|(_, n)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 174);
    }

    #[test]
    fn every_ms_name_of_a_rule_is_a_real_microsoft_identifier() {
        for rule in RULES {
            for name in rule.meta().ms_names {
                assert!(MICROSOFT_NAMES.iter().any(|(_, n)| n == name), "{}: `{name}` is not a Microsoft identifier", rule.meta().id);
            }
        }
    }

    #[test]
    fn names_marked_not_checkable_have_no_rule() {
        for (name, reason) in NOT_CHECKABLE {
            assert!(MICROSOFT_NAMES.iter().any(|(_, n)| n == name), "{name}");
            assert!(rules_for(name).is_empty(), "{name} is covered, remove it from NOT_CHECKABLE");
            assert!(!reason.is_empty());
        }
    }
}
