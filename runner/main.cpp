// kata's entry point: everything is in the kata_core library.
#include "runner/cli.h"

int main(int argc, char** argv) { return kata::RunCli(argc, argv); }
