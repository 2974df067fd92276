fn main() {
    std::process::exit(handout::cli::run());
}
