//! The bundled seed articles, opened on first launch.

/// The seed files (name, bytes), embedded in the binary.
pub const SEEDS: &[(&str, &[u8])] = &[
    (
        "000_fe944e0e3ae8dec8.txt",
        include_bytes!("../seeds/000_fe944e0e3ae8dec8.txt"),
    ),
    (
        "001_c60dc770f8c651e0.txt",
        include_bytes!("../seeds/001_c60dc770f8c651e0.txt"),
    ),
    (
        "002_499ec99670ff979f.txt",
        include_bytes!("../seeds/002_499ec99670ff979f.txt"),
    ),
    (
        "003_96b435869d1e179b.txt",
        include_bytes!("../seeds/003_96b435869d1e179b.txt"),
    ),
    (
        "004_3f6381950505de8d.txt",
        include_bytes!("../seeds/004_3f6381950505de8d.txt"),
    ),
];
