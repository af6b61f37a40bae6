# Installs what the project needs from Debian, skipping what is already there.
# Source this file; call install_build_deps (scripts/run) or install_test_deps (scripts/test).

ZY_BUILD_PACKAGES=(
    g++ cmake ninja-build pkg-config ccache
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libsqlite3-dev libpq-dev libsodium-dev libssl-dev libspdlog-dev libfmt-dev libicu-dev
)
ZY_TEST_PACKAGES=(
    googletest libgtest-dev clang-format
    postgresql-15
    chromium fonts-noto-cjk
)

zy_missing_packages() {
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            printf '%s\n' "$pkg"
        fi
    done
}

zy_apt_install() {
    local missing
    mapfile -t missing < <(zy_missing_packages "$@")
    # Node.js: any Debian nodejs will do; a machine may already have a newer one from elsewhere.
    if ! command -v node >/dev/null 2>&1; then
        missing+=(nodejs npm)
    fi
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing Debian packages: ${missing[*]} (run as root, or install them first)" >&2
        return 1
    fi
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_build_deps() {
    zy_apt_install "${ZY_BUILD_PACKAGES[@]}"
    check_node_version
}

install_test_deps() {
    zy_apt_install "${ZY_BUILD_PACKAGES[@]}" "${ZY_TEST_PACKAGES[@]}"
    check_node_version
}

# The web toolchain needs Node.js 20.19 or newer (docs/adr/0002-node-version.md).
check_node_version() {
    local version
    version=$(node -p 'process.versions.node')
    if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
        echo "Node.js $version is too old for the web build: 20.19 or newer is needed (docs/adr/0002-node-version.md)" >&2
        return 1
    fi
}
