/* Test-only stand-in for bcryptprimitives.dll's ProcessPrng, which Rust >= 1.78
 * programs call for random numbers and Debian 12's wine 8.0 lacks
 * (rust-lang/rust#128066). It fills the buffer from RtlGenRandom. Built by
 * tests/wine/run.sh and tests/dist-windows.sh; never shipped. */
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!RtlGenRandom(data, chunk)) return FALSE;
    data += chunk;
    len -= chunk;
  }
  return TRUE;
}
