fn main() {
    podplay_app::run();
}
