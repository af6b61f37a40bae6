# Incremental builds of the server and the web app. Source this file from the repository root.

# ccache hashes paths below the checkout relative to it, so another clone reuses the cache.
export CCACHE_BASEDIR="$PWD"
# Without this ccache refuses every compile that uses the precompiled header.
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime

build_server() {
    local tests=${1:-OFF}
    if [ ! -f build/release/build.ninja ] ||
        ! grep -q "ZHAOYIN_BUILD_TESTS:BOOL=$tests" build/release/CMakeCache.txt; then
        cmake --preset release -DZHAOYIN_BUILD_TESTS="$tests" >/dev/null
    fi
    cmake --build --preset release
}

build_web() {
    (
        cd web
        # npm ci only when the lock file changed since the last install.
        if [ ! -f node_modules/.package-lock.json ] ||
            [ package-lock.json -nt node_modules/.package-lock.json ]; then
            npm ci --no-audit --no-fund
        fi
        npm run build
    )
}
