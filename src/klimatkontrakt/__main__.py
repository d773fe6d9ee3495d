from klimatkontrakt.cli import main

main()
