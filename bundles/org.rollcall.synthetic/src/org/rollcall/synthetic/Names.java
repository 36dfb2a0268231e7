package org.rollcall.synthetic;

import java.util.SplittableRandom;

/** Invented names for synthetic students; no real person is described. */
final class Names {

    private static final String[] FIRST = {"Aaliyah", "Adrian", "Aiden", "Alejandro", "Alexa", "Amara", "Andrea",
        "Angel", "Anthony", "Ariana", "Ava", "Benjamin", "Bianca", "Brandon", "Camila", "Carlos", "Charlotte", "Chloe",
        "Daniel", "David", "Diego", "Dylan", "Elena", "Eli", "Emily", "Emma", "Ethan", "Evelyn", "Gabriel", "Genesis",
        "Hannah", "Isabella", "Isaiah", "Jacob", "Jasmine", "Jayden", "Joshua", "Julian", "Kai", "Kayla", "Leah",
        "Leo", "Liam", "Lucas", "Luna", "Maya", "Mateo", "Mia", "Nathan", "Noah", "Nora", "Olivia", "Priya", "Ryan",
        "Samantha", "Sebastian", "Sofia", "Tala", "Victoria", "Zoe"};

    private static final String[] LAST = {"Aguilar", "Alvarez", "Bautista", "Brown", "Castillo", "Chavez", "Chen",
        "Cruz", "Davis", "Delgado", "Diaz", "Flores", "Garcia", "Gomez", "Gonzalez", "Gutierrez", "Hernandez", "Huang",
        "Jackson", "Johnson", "Kim", "Le", "Lee", "Lopez", "Martin", "Martinez", "Mendoza", "Miller", "Morales",
        "Moreno", "Nguyen", "Ortiz", "Patel", "Perez", "Ramirez", "Ramos", "Reyes", "Rivera", "Rodriguez", "Romero",
        "Ruiz", "Sanchez", "Santos", "Smith", "Tran", "Torres", "Vargas", "Williams", "Wilson", "Wong"};

    private Names() {
    }

    static String first(SplittableRandom random) {
        return FIRST[random.nextInt(FIRST.length)];
    }

    static String last(SplittableRandom random) {
        return LAST[random.nextInt(LAST.length)];
    }
}
