//! The YAML reader on real Swagger 2.0 YAML files builds the swagger model (moved out of
//! `yaml.rs` so that `yaml` does not depend on `model`, which depends on `unit`, which reads YAML).

use connlint_core::model::swagger::Swagger;
use connlint_core::{yaml, FileId};

#[test]
fn real_swagger_yaml_builds_its_model() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/convert-inputs/swagger2-yaml");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    for (file, operations) in [("netlify/swagger.yml", 100), ("alertmanager/openapi.yaml", 9)] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let parsed = yaml::parse(&text);
        assert!(parsed.errors.is_empty(), "{file}: {:?}", parsed.errors);
        let root = parsed.root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        assert!(swagger.operations.len() >= operations, "{file}: {}", swagger.operations.len());
        let ids = text.matches("operationId:").count();
        assert_eq!(swagger.operations.iter().filter(|op| op.operation_id.is_some()).count(), ids, "{file}");
        for op in &swagger.operations {
            assert!(text.is_char_boundary(op.node.span.start as usize) && text.is_char_boundary(op.node.span.end as usize));
            assert!(
                text[op.node.span.start as usize..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '{' || c == '&' || c == '"')
            );
        }
    }
    // Docker's swagger.yaml closes flow mappings at their key's indentation, which YAML 1.2
    // forbids and PyYAML accepts; it is read leniently, with spans into the original text.
    let text = std::fs::read_to_string(dir.join("docker-engine/swagger.yaml")).unwrap();
    let parsed = yaml::parse(&text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let root = parsed.root.unwrap();
    let swagger = Swagger::build(FileId(0), &root);
    assert_eq!(swagger.operations.len(), 108);
    let example = root.pointer("/definitions/ContainerConfig/properties/ExposedPorts/example/443~1tcp").unwrap();
    assert_eq!(&text[example.span.range()], "{}");
    assert!(text[..example.span.start as usize].ends_with("\"443/tcp\": "));
}
