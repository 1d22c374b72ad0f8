from utblick.cli import main

main()
