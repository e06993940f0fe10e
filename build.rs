//! Generates the client from `spec/` into `OUT_DIR` on every build that changes it.

fn main() {
    let config = apibind::Config::new()
        .docs("spec")
        .overlay("spec/apibind.yaml");
    if let Err(error) = config.write_out_dir() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
