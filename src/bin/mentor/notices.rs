pub fn run(_: &crate::args::NoticesArgs) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("not yet")
}
